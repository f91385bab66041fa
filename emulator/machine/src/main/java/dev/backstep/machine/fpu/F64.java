package dev.backstep.machine.fpu;

/**
 * binary64 arithmetic of the RISC-V D extension on raw bits, exactly as QEMU 7.2 computes it. Every
 * operation that rounds takes a rounding mode ({@link RoundingMode} RNE..RMM; the caller resolves
 * DYN and rejects reserved modes) and ORs the exceptions it raises into {@code fl}. NaN results are
 * always {@link #CANONICAL_NAN}. Operands are the singles themselves: a caller holding them in
 * 64-bit registers unboxes them first ({@link NanBox}).
 */
public final class F64 {
    /** The canonical NaN 0x7ff8000000000000. */
    public static final long CANONICAL_NAN = 0x7FF8_0000_0000_0000L;

    private static final BinaryFormat F = BinaryFormat.DOUBLE;
    /** Receives the flags of conversions that are always exact (it never gets any). */
    private static final FpFlags EXACT = new FpFlags();

    private F64() {
    }

    public static long add(long a, long b, int rm, FpFlags fl) {
        return FloatCore.add(F, a, b, rm, fl);
    }

    public static long sub(long a, long b, int rm, FpFlags fl) {
        return FloatCore.add(F, a, b ^ F.signBit(), rm, fl);
    }

    public static long mul(long a, long b, int rm, FpFlags fl) {
        return FloatCore.mul(F, a, b, rm, fl);
    }

    public static long div(long a, long b, int rm, FpFlags fl) {
        return FloatCore.div(F, a, b, rm, fl);
    }

    public static long sqrt(long a, int rm, FpFlags fl) {
        return FloatCore.sqrt(F, a, rm, fl);
    }

    /** fmadd.d: a*b + c, rounded once. */
    public static long fmadd(long a, long b, long c, int rm, FpFlags fl) {
        return FloatCore.fma(F, a, b, c, false, false, rm, fl);
    }

    /** fmsub.d: a*b - c, rounded once. */
    public static long fmsub(long a, long b, long c, int rm, FpFlags fl) {
        return FloatCore.fma(F, a, b, c, false, true, rm, fl);
    }

    /** fnmsub.d: -(a*b) + c, rounded once. */
    public static long fnmsub(long a, long b, long c, int rm, FpFlags fl) {
        return FloatCore.fma(F, a, b, c, true, false, rm, fl);
    }

    /** fnmadd.d: -(a*b) - c, rounded once. */
    public static long fnmadd(long a, long b, long c, int rm, FpFlags fl) {
        return FloatCore.fma(F, a, b, c, true, true, rm, fl);
    }

    /** fmin.s (IEEE 754-2019 minimumNumber, -0 below +0). */
    public static long min(long a, long b, FpFlags fl) {
        return FloatCore.minMax(F, a, b, false, fl);
    }

    /** fmax.s (IEEE 754-2019 maximumNumber, +0 above -0). */
    public static long max(long a, long b, FpFlags fl) {
        return FloatCore.minMax(F, a, b, true, fl);
    }

    /** feq.d: 1 or 0; NV only for a signaling NaN. */
    public static int eq(long a, long b, FpFlags fl) {
        return FloatCore.eq(F, a, b, fl) ? 1 : 0;
    }

    /** flt.d: 1 or 0; NV for any NaN. */
    public static int lt(long a, long b, FpFlags fl) {
        return FloatCore.lt(F, a, b, fl) ? 1 : 0;
    }

    /** fle.d: 1 or 0; NV for any NaN. */
    public static int le(long a, long b, FpFlags fl) {
        return FloatCore.le(F, a, b, fl) ? 1 : 0;
    }

    /** fclass.d: the class mask (bit 0 -inf ... bit 9 quiet NaN). */
    public static int classify(long a) {
        return FloatCore.classify(F, a);
    }

    /** fsgnj.d: a's magnitude, b's sign. */
    public static long sgnj(long a, long b) {
        return (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE);
    }

    /** fsgnjn.d: a's magnitude, b's sign inverted. */
    public static long sgnjn(long a, long b) {
        return (a & Long.MAX_VALUE) | (~b & Long.MIN_VALUE);
    }

    /** fsgnjx.d: a with its sign XORed with b's. */
    public static long sgnjx(long a, long b) {
        return a ^ (b & Long.MIN_VALUE);
    }

    /** fcvt.w.d: saturating (NaN and +inf give 2^31-1, -inf gives -2^31) with NV; NX when inexact. */
    public static int toInt32(long a, int rm, FpFlags fl) {
        return FloatCore.toInt32(F, a, false, rm, fl);
    }

    /** fcvt.wu.d: saturating (NaN and +inf give 2^32-1, -inf and negatives that round below 0 give 0) with NV. */
    public static int toUint32(long a, int rm, FpFlags fl) {
        return FloatCore.toInt32(F, a, true, rm, fl);
    }

    /** fcvt.d.w: exact. */
    public static long fromInt32(int x) {
        return FloatCore.fromInt(F, x, RoundingMode.RNE, EXACT);
    }

    /** fcvt.d.wu: exact. */
    public static long fromUint32(int x) {
        return FloatCore.fromInt(F, x & 0xFFFF_FFFFL, RoundingMode.RNE, EXACT);
    }

    /** fcvt.s.d: rounds to a single; a NaN becomes the canonical single NaN (NV when signaling). */
    public static int toF32(long a, int rm, FpFlags fl) {
        return (int) FloatCore.convert(F, BinaryFormat.SINGLE, a, rm, fl);
    }

    public static boolean isNaN(long a) {
        return F.isNaN(a);
    }

    public static boolean isSignalingNaN(long a) {
        return F.isSignalingNaN(a);
    }
}
