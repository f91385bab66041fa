package dev.backstep.machine.fpu;

/**
 * Rounds an exact value (a significand with a sticky bit, and an exponent) to a binary format in one
 * of the five rounding modes and packs it, raising NX, UF (tininess detected after rounding, as
 * RISC-V requires) and OF. Shared by every operation of both formats.
 */
final class Rounder {
    private Rounder() {
    }

    /**
     * Packs {@code (-1)^negative * sig * 2^(exp - 62)}. {@code sig} is positive (nonzero) and below 2^63;
     * its bit 0 may be a sticky bit standing for any nonzero bits shifted out below it, as long as the
     * caller kept at least two bits below the format's precision.
     */
    static long roundPack(BinaryFormat f, boolean negative, int exp, long sig, int rm, FpFlags flags) {
        int norm = Long.numberOfLeadingZeros(sig) - 1;
        sig <<= norm;
        exp -= norm;
        long sign = negative ? f.signBit() : 0;
        int biased = exp + f.bias();
        if (biased >= f.expMax()) {
            return overflow(f, negative, rm, flags);
        }
        int shift = 62 - f.fracBits(); // bits below the last kept one, for a normal result
        if (biased >= 1) {
            long rem = sig & ((1L << shift) - 1);
            long kept = (sig >>> shift) + increment(rm, negative, sig >>> shift, rem, 1L << (shift - 1));
            // kept includes the hidden bit, so a carry out of the fraction bumps the exponent by itself
            long bits = ((long) (biased - 1) << f.fracBits()) + kept;
            if ((bits >>> f.fracBits()) >= f.expMax()) {
                return overflow(f, negative, rm, flags);
            }
            if (rem != 0) {
                flags.bits |= FpFlags.NX;
            }
            return sign | bits;
        }
        // Tiny before rounding. After rounding (to the full precision, exponent unbounded) it is
        // still tiny unless it rounds up to the smallest normal number.
        boolean tiny = biased < 0 || !carriesOut(f, negative, sig, shift, rm);
        int discard = shift + 1 - biased;
        long rem;
        long kept;
        long half;
        if (discard < 63) {
            rem = sig & ((1L << discard) - 1);
            kept = sig >>> discard;
            half = 1L << (discard - 1);
        } else if (discard == 63) {
            rem = sig;
            kept = 0;
            half = 1L << 62;
        } else {
            rem = 1; // nonzero but below half
            kept = 0;
            half = 1L << 62;
        }
        kept += increment(rm, negative, kept, rem, half);
        if (rem != 0) {
            flags.bits |= tiny ? FpFlags.NX | FpFlags.UF : FpFlags.NX;
        }
        return sign | kept; // a carry into the hidden bit yields the smallest normal's encoding
    }

    /** True when rounding a value with biased exponent 0 to full precision carries it to 2^emin. */
    private static boolean carriesOut(BinaryFormat f, boolean negative, long sig, int shift, int rm) {
        long kept = sig >>> shift;
        if (kept != (1L << (f.fracBits() + 1)) - 1) {
            return false;
        }
        return increment(rm, negative, kept, sig & ((1L << shift) - 1), 1L << (shift - 1)) != 0;
    }

    /** 1 when the kept part must be rounded up (away from zero), given the discarded remainder. */
    static long increment(int rm, boolean negative, long kept, long rem, long half) {
        if (rem == 0) {
            return 0;
        }
        boolean up = switch (rm) {
            case RoundingMode.RNE -> rem > half || (rem == half && (kept & 1) != 0);
            case RoundingMode.RTZ -> false;
            case RoundingMode.RDN -> negative;
            case RoundingMode.RUP -> !negative;
            case RoundingMode.RMM -> rem >= half;
            default -> throw new IllegalArgumentException("reserved rounding mode " + rm);
        };
        return up ? 1 : 0;
    }

    static long overflow(BinaryFormat f, boolean negative, int rm, FpFlags flags) {
        flags.bits |= FpFlags.OF | FpFlags.NX;
        boolean toInfinity = switch (rm) {
            case RoundingMode.RNE, RoundingMode.RMM -> true;
            case RoundingMode.RTZ -> false;
            case RoundingMode.RDN -> negative;
            case RoundingMode.RUP -> !negative;
            default -> throw new IllegalArgumentException("reserved rounding mode " + rm);
        };
        return (negative ? f.signBit() : 0) | (toInfinity ? f.infinity() : f.maxFinite());
    }

    /** x shifted right by n (n >= 0), with any nonzero bit shifted out ORed into bit 0. */
    static long shiftRightSticky(long x, int n) {
        if (n == 0) {
            return x;
        }
        if (n >= 63) {
            return x != 0 ? 1 : 0;
        }
        return (x >>> n) | ((x & ((1L << n) - 1)) != 0 ? 1 : 0);
    }
}
