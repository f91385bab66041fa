package dev.backstep.machine.fpu;

import static dev.backstep.machine.fpu.Rounder.roundPack;
import static dev.backstep.machine.fpu.Rounder.shiftRightSticky;

/**
 * The operations of the F and D extensions for either format, on raw bits in a long. Every NaN
 * result is the canonical NaN (RISC-V never propagates payloads); a signaling NaN operand raises NV.
 * {@link F32} and {@link F64} are the typed entry points.
 */
final class FloatCore {
    private FloatCore() {
    }

    // ---- arithmetic ----

    static long add(BinaryFormat f, long a, long b, int rm, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nanResult(f, a, b, fl);
        }
        boolean sa = f.sign(a);
        boolean sb = f.sign(b);
        if (f.isInf(a)) {
            if (f.isInf(b) && sa != sb) {
                return invalid(f, fl);
            }
            return a;
        }
        if (f.isInf(b)) {
            return b;
        }
        if (f.isZero(a)) {
            if (f.isZero(b)) {
                return sa == sb ? a : exactZero(f, rm);
            }
            return b;
        }
        if (f.isZero(b)) {
            return a;
        }
        int ea = f.exp(a);
        int eb = f.exp(b);
        long ma = f.sig(a) >>> 1; // leading one at bit 61: room for the carry
        long mb = f.sig(b) >>> 1;
        if (ea < eb || (ea == eb && ma < mb)) {
            int te = ea;
            ea = eb;
            eb = te;
            long tm = ma;
            ma = mb;
            mb = tm;
            boolean ts = sa;
            sa = sb;
            sb = ts;
        }
        mb = shiftRightSticky(mb, ea - eb);
        long m = sa == sb ? ma + mb : ma - mb;
        if (m == 0) {
            return exactZero(f, rm);
        }
        return roundPack(f, sa, ea + 1, m, rm, fl);
    }

    static long mul(BinaryFormat f, long a, long b, int rm, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nanResult(f, a, b, fl);
        }
        boolean sign = f.sign(a) != f.sign(b);
        long signBits = sign ? f.signBit() : 0;
        if (f.isInf(a) || f.isInf(b)) {
            if (f.isZero(a) || f.isZero(b)) {
                return invalid(f, fl);
            }
            return signBits | f.infinity();
        }
        if (f.isZero(a) || f.isZero(b)) {
            return signBits;
        }
        long ma = f.sig(a);
        long mb = f.sig(b);
        long hi = Math.multiplyHigh(ma, mb); // both below 2^63: the signed high half is the unsigned one
        long lo = ma * mb;
        // ma * mb * 2^(ea + eb - 124) = (hi * 2^64 + lo) * 2^(ea + eb - 124)
        return roundPack(f, sign, f.exp(a) + f.exp(b) + 2, hi | (lo != 0 ? 1 : 0), rm, fl);
    }

    static long div(BinaryFormat f, long a, long b, int rm, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nanResult(f, a, b, fl);
        }
        boolean sign = f.sign(a) != f.sign(b);
        long signBits = sign ? f.signBit() : 0;
        if (f.isInf(a)) {
            return f.isInf(b) ? invalid(f, fl) : signBits | f.infinity();
        }
        if (f.isInf(b)) {
            return signBits;
        }
        if (f.isZero(b)) {
            if (f.isZero(a)) {
                return invalid(f, fl);
            }
            fl.bits |= FpFlags.DZ;
            return signBits | f.infinity();
        }
        if (f.isZero(a)) {
            return signBits;
        }
        int shift = 62 - f.fracBits();
        long ma = f.sig(a) >>> shift; // precision-wide integers
        long mb = f.sig(b) >>> shift;
        int chunk = 63 - (f.fracBits() + 1); // the remainder stays below mb, so r << chunk fits
        long q = 0;
        long r = ma;
        int produced = 0;
        while (produced < f.fracBits() + 4) {
            r <<= chunk;
            q = (q << chunk) | (r / mb);
            r %= mb;
            produced += chunk;
        }
        // a / b = (ma / mb) * 2^(ea - eb) = (q + r/mb) * 2^(ea - eb - produced)
        return roundPack(f, sign, f.exp(a) - f.exp(b) - produced + 62, q | (r != 0 ? 1 : 0), rm, fl);
    }

    static long sqrt(BinaryFormat f, long a, int rm, FpFlags fl) {
        if (f.isNaN(a)) {
            return nanResult(f, a, a, fl);
        }
        if (f.isZero(a)) {
            return a;
        }
        if (f.sign(a)) {
            return invalid(f, fl);
        }
        if (f.isInf(a)) {
            return a;
        }
        int e = f.exp(a);
        long m = f.sig(a);
        // Radicand M = m * 2^s below 2^120 with an even power of two left over: a = M * 2^(e - 62 - s).
        int s = (e & 1) != 0 ? 57 : 56;
        long hi = m >>> (64 - s);
        long lo = m << s;
        long q = 0;
        long r = 0;
        for (int pos = 118; pos >= 0; pos -= 2) {
            long pair = pos >= 64 ? (hi >>> (pos - 64)) & 3 : (lo >>> pos) & 3;
            r = (r << 2) | pair;
            long t = (q << 2) | 1;
            q <<= 1;
            if (r >= t) {
                r -= t;
                q |= 1;
            }
        }
        return roundPack(f, false, (e - 62 - s) / 2 + 62, q | (r != 0 ? 1 : 0), rm, fl);
    }

    /**
     * (negateProduct ? -(a*b) : a*b) + (negateAddend ? -c : c), rounded once. fmadd is (false, false),
     * fmsub (false, true), fnmsub (true, false), fnmadd (true, true).
     */
    static long fma(BinaryFormat f, long a, long b, long c, boolean negateProduct, boolean negateAddend,
            int rm, FpFlags fl) {
        boolean infTimesZero = (f.isInf(a) && f.isZero(b)) || (f.isZero(a) && f.isInf(b));
        if (f.isNaN(a) || f.isNaN(b) || f.isNaN(c)) {
            // QEMU's RISC-V target raises NV for inf * 0 even when the addend is a quiet NaN
            if (f.isSignalingNaN(a) || f.isSignalingNaN(b) || f.isSignalingNaN(c) || infTimesZero) {
                fl.bits |= FpFlags.NV;
            }
            return f.canonicalNaN();
        }
        if (infTimesZero) {
            return invalid(f, fl);
        }
        boolean sp = f.sign(a) ^ f.sign(b) ^ negateProduct;
        boolean sc = f.sign(c) ^ negateAddend;
        if (f.isInf(a) || f.isInf(b)) {
            if (f.isInf(c) && sc != sp) {
                return invalid(f, fl);
            }
            return (sp ? f.signBit() : 0) | f.infinity();
        }
        if (f.isInf(c)) {
            return (sc ? f.signBit() : 0) | f.infinity();
        }
        if (f.isZero(a) || f.isZero(b)) {
            if (f.isZero(c)) {
                return sp == sc ? (sp ? f.signBit() : 0) : exactZero(f, rm);
            }
            return (c & ~f.signBit()) | (sc ? f.signBit() : 0);
        }
        long ma = f.sig(a);
        long mb = f.sig(b);
        // product P = ma * mb in [2^124, 2^126), worth P * 2^xp
        long pHi = Math.multiplyHigh(ma, mb);
        long pLo = ma * mb;
        int xp = f.exp(a) + f.exp(b) - 124;
        if (f.isZero(c)) {
            return roundPack(f, sp, xp + 126, pHi | (pLo != 0 ? 1 : 0), rm, fl);
        }
        // addend C = mc * 2^62 in [2^124, 2^125), worth C * 2^xc
        long mc = f.sig(c);
        long cHi = mc >>> 2;
        long cLo = mc << 62;
        int xc = f.exp(c) - 124;
        int x;
        if (xp >= xc) {
            int n = xp - xc;
            long h = Wide.shrHi(cHi, cLo, n);
            cLo = Wide.shrLoSticky(cHi, cLo, n);
            cHi = h;
            x = xp;
        } else {
            int n = xc - xp;
            long h = Wide.shrHi(pHi, pLo, n);
            pLo = Wide.shrLoSticky(pHi, pLo, n);
            pHi = h;
            x = xc;
        }
        boolean sign = sp;
        long sHi;
        long sLo;
        if (sp == sc) {
            sLo = pLo + cLo;
            sHi = pHi + cHi + (Long.compareUnsigned(sLo, pLo) < 0 ? 1 : 0);
        } else {
            sLo = pLo - cLo;
            sHi = pHi - cHi - (Long.compareUnsigned(pLo, cLo) < 0 ? 1 : 0);
            if (sHi < 0) {
                sLo = -sLo;
                sHi = ~sHi + (sLo == 0 ? 1 : 0);
                sign = sc;
            } else if (sHi == 0 && sLo == 0) {
                return exactZero(f, rm);
            }
        }
        // collapse the 128-bit sum to a significand with its leading one at bit 62 (or below)
        int top = sHi != 0 ? 127 - Long.numberOfLeadingZeros(sHi) : 63 - Long.numberOfLeadingZeros(sLo);
        long sig;
        if (top > 62) {
            int n = top - 62;
            sig = Wide.shrLoSticky(sHi, sLo, n);
        } else {
            sig = sLo;
        }
        // S * 2^x = sig * 2^(x + top - 62) when top > 62; roundPack normalises smaller ones itself
        return roundPack(f, sign, top > 62 ? x + top : x + 62, sig, rm, fl);
    }

    // ---- min/max and comparisons ----

    /**
     * IEEE 754-2019 minimumNumber / maximumNumber, as RISC-V defines fmin/fmax since version 2.2 of
     * the F extension: a NaN operand is ignored when the other is a number (NV still raised for a
     * signaling one); two NaNs give the canonical NaN; -0 is below +0.
     */
    static long minMax(BinaryFormat f, long a, long b, boolean max, FpFlags fl) {
        boolean na = f.isNaN(a);
        boolean nb = f.isNaN(b);
        if (na || nb) {
            if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
                fl.bits |= FpFlags.NV;
            }
            if (na && nb) {
                return f.canonicalNaN();
            }
            return na ? b : a;
        }
        long ka = orderKey(f, a);
        long kb = orderKey(f, b);
        return (ka < kb) != max ? a : b;
    }

    /** feq: a quiet comparison, NV only for a signaling NaN. */
    static boolean eq(BinaryFormat f, long a, long b, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
                fl.bits |= FpFlags.NV;
            }
            return false;
        }
        return a == b || (f.isZero(a) && f.isZero(b));
    }

    /** flt: a signaling comparison, NV for any NaN. */
    static boolean lt(BinaryFormat f, long a, long b, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            fl.bits |= FpFlags.NV;
            return false;
        }
        return valueKey(f, a) < valueKey(f, b);
    }

    /** fle: a signaling comparison, NV for any NaN. */
    static boolean le(BinaryFormat f, long a, long b, FpFlags fl) {
        if (f.isNaN(a) || f.isNaN(b)) {
            fl.bits |= FpFlags.NV;
            return false;
        }
        return valueKey(f, a) <= valueKey(f, b);
    }

    /** A signed key in the order of the values, with -0 and +0 equal. */
    private static long valueKey(BinaryFormat f, long x) {
        long mag = x & ~f.signBit();
        return f.sign(x) ? -mag : mag;
    }

    /** A signed key in the order of the values, with -0 just below +0. */
    private static long orderKey(BinaryFormat f, long x) {
        long mag = x & ~f.signBit();
        return f.sign(x) ? -mag - 1 : mag;
    }

    /** fclass: one bit per class: -inf, -normal, -subnormal, -0, +0, +subnormal, +normal, +inf, sNaN, qNaN. */
    static int classify(BinaryFormat f, long x) {
        boolean neg = f.sign(x);
        if (f.isNaN(x)) {
            return f.isSignalingNaN(x) ? 1 << 8 : 1 << 9;
        }
        if (f.isInf(x)) {
            return neg ? 1 : 1 << 7;
        }
        if (f.isZero(x)) {
            return neg ? 1 << 3 : 1 << 4;
        }
        if (f.expField(x) == 0) {
            return neg ? 1 << 2 : 1 << 5;
        }
        return neg ? 1 << 1 : 1 << 6;
    }

    // ---- conversions ----

    /** fcvt.w / fcvt.wu: round to an integer, saturate out-of-range values and NaNs with NV (no NX). */
    static int toInt32(BinaryFormat f, long a, boolean unsigned, int rm, FpFlags fl) {
        int maxResult = unsigned ? -1 : Integer.MAX_VALUE;
        if (f.isNaN(a)) {
            fl.bits |= FpFlags.NV;
            return maxResult;
        }
        boolean neg = f.sign(a);
        int minResult = unsigned ? 0 : Integer.MIN_VALUE;
        if (f.isInf(a)) {
            fl.bits |= FpFlags.NV;
            return neg ? minResult : maxResult;
        }
        if (f.isZero(a)) {
            return 0;
        }
        int e = f.exp(a);
        if (e > 40) {
            fl.bits |= FpFlags.NV;
            return neg ? minResult : maxResult;
        }
        long sig = f.sig(a);
        int discard = 62 - e; // at least 22
        long kept;
        long rem;
        long half;
        if (discard < 63) {
            kept = sig >>> discard;
            rem = sig & ((1L << discard) - 1);
            half = 1L << (discard - 1);
        } else if (discard == 63) {
            kept = 0;
            rem = sig;
            half = 1L << 62;
        } else {
            kept = 0;
            rem = 1;
            half = 1L << 62;
        }
        kept += Rounder.increment(rm, neg, kept, rem, half);
        int inexact = rem != 0 ? FpFlags.NX : 0;
        if (unsigned) {
            if (neg && kept != 0 || !neg && kept > 0xFFFF_FFFFL) {
                fl.bits |= FpFlags.NV;
                return neg ? 0 : -1;
            }
            fl.bits |= inexact;
            return (int) kept;
        }
        if (neg ? kept > 0x8000_0000L : kept > Integer.MAX_VALUE) {
            fl.bits |= FpFlags.NV;
            return neg ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
        fl.bits |= inexact;
        return (int) (neg ? -kept : kept);
    }

    /** fcvt.s.w / fcvt.d.w (and the unsigned forms, for which {@code x} is zero-extended by the caller). */
    static long fromInt(BinaryFormat f, long x, int rm, FpFlags fl) {
        if (x == 0) {
            return 0;
        }
        boolean neg = x < 0;
        return roundPack(f, neg, 62, neg ? -x : x, rm, fl);
    }

    /** fcvt.s.d / fcvt.d.s: NaNs become the target's canonical NaN (NV when signaling). */
    static long convert(BinaryFormat from, BinaryFormat to, long a, int rm, FpFlags fl) {
        if (from.isNaN(a)) {
            if (from.isSignalingNaN(a)) {
                fl.bits |= FpFlags.NV;
            }
            return to.canonicalNaN();
        }
        long sign = from.sign(a) ? to.signBit() : 0;
        if (from.isInf(a)) {
            return sign | to.infinity();
        }
        if (from.isZero(a)) {
            return sign;
        }
        return roundPack(to, from.sign(a), from.exp(a), from.sig(a), rm, fl);
    }

    // ---- helpers ----

    /** NaN in, canonical NaN out; NV if either operand is signaling. */
    private static long nanResult(BinaryFormat f, long a, long b, FpFlags fl) {
        if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
            fl.bits |= FpFlags.NV;
        }
        return f.canonicalNaN();
    }

    private static long invalid(BinaryFormat f, FpFlags fl) {
        fl.bits |= FpFlags.NV;
        return f.canonicalNaN();
    }

    /** The sign of an exact zero sum of operands of opposite signs: -0 only when rounding down. */
    private static long exactZero(BinaryFormat f, int rm) {
        return rm == RoundingMode.RDN ? f.signBit() : 0;
    }
}
