package dev.backstep.machine.fpu;

/**
 * An IEEE 754 binary interchange format, its bits held in the low {@code width} bits of a long.
 *
 * @param width total bits (32 or 64)
 * @param fracBits stored fraction bits (23 or 52); the precision is one more
 */
record BinaryFormat(int width, int fracBits) {
    static final BinaryFormat SINGLE = new BinaryFormat(32, 23);
    static final BinaryFormat DOUBLE = new BinaryFormat(64, 52);

    /** All-ones exponent field (infinities and NaNs). */
    int expMax() {
        return (1 << (width - fracBits - 1)) - 1;
    }

    int bias() {
        return expMax() >> 1;
    }

    long signBit() {
        return 1L << (width - 1);
    }

    long fracMask() {
        return (1L << fracBits) - 1;
    }

    long infinity() {
        return (long) expMax() << fracBits;
    }

    long maxFinite() {
        return infinity() - 1;
    }

    /** The only NaN RISC-V produces: positive, quiet, zero payload. */
    long canonicalNaN() {
        return infinity() | (1L << (fracBits - 1));
    }

    int expField(long x) {
        return (int) (x >>> fracBits) & expMax();
    }

    long frac(long x) {
        return x & fracMask();
    }

    boolean sign(long x) {
        return (x & signBit()) != 0;
    }

    boolean isNaN(long x) {
        return expField(x) == expMax() && frac(x) != 0;
    }

    boolean isSignalingNaN(long x) {
        return isNaN(x) && (x & (1L << (fracBits - 1))) == 0;
    }

    boolean isInf(long x) {
        return (x & ~signBit()) == infinity();
    }

    boolean isZero(long x) {
        return (x & ~signBit()) == 0;
    }

    /** For a finite nonzero x: the significand shifted so that its leading one is bit 62. */
    long sig(long x) {
        int e = expField(x);
        if (e == 0) {
            long f = frac(x);
            return f << (Long.numberOfLeadingZeros(f) - 1);
        }
        return (frac(x) | (1L << fracBits)) << (62 - fracBits);
    }

    /** For a finite nonzero x: the unbiased exponent, so that |x| = sig(x) * 2^(exp(x) - 62). */
    int exp(long x) {
        int e = expField(x);
        if (e == 0) {
            return 64 - Long.numberOfLeadingZeros(frac(x)) - bias() - fracBits;
        }
        return e - bias();
    }
}
