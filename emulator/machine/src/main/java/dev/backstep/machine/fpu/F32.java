package dev.backstep.machine.fpu;

/**
 * binary32 arithmetic of the RISC-V F extension on raw bits, exactly as QEMU 7.2 computes it. Every
 * operation that rounds takes a rounding mode ({@link RoundingMode} RNE..RMM; the caller resolves
 * DYN and rejects reserved modes) and ORs the exceptions it raises into {@code fl}. NaN results are
 * always {@link #CANONICAL_NAN}. Operands are the singles themselves: a caller holding them in
 * 64-bit registers unboxes them first ({@link NanBox}).
 */
public final class F32 {
    /** The canonical NaN 0x7fc00000. */
    public static final int CANONICAL_NAN = 0x7FC0_0000;

    private static final BinaryFormat F = BinaryFormat.SINGLE;

    private F32() {
    }

    private static long u(int x) {
        return x & 0xFFFF_FFFFL;
    }

    public static int add(int a, int b, int rm, FpFlags fl) {
        return (int) FloatCore.add(F, u(a), u(b), rm, fl);
    }

    public static int sub(int a, int b, int rm, FpFlags fl) {
        return (int) FloatCore.add(F, u(a), u(b) ^ F.signBit(), rm, fl);
    }

    public static int mul(int a, int b, int rm, FpFlags fl) {
        return (int) FloatCore.mul(F, u(a), u(b), rm, fl);
    }

    public static int div(int a, int b, int rm, FpFlags fl) {
        return (int) FloatCore.div(F, u(a), u(b), rm, fl);
    }

    public static int sqrt(int a, int rm, FpFlags fl) {
        return (int) FloatCore.sqrt(F, u(a), rm, fl);
    }

    /** fmadd.s: a*b + c, rounded once. */
    public static int fmadd(int a, int b, int c, int rm, FpFlags fl) {
        return (int) FloatCore.fma(F, u(a), u(b), u(c), false, false, rm, fl);
    }

    /** fmsub.s: a*b - c, rounded once. */
    public static int fmsub(int a, int b, int c, int rm, FpFlags fl) {
        return (int) FloatCore.fma(F, u(a), u(b), u(c), false, true, rm, fl);
    }

    /** fnmsub.s: -(a*b) + c, rounded once. */
    public static int fnmsub(int a, int b, int c, int rm, FpFlags fl) {
        return (int) FloatCore.fma(F, u(a), u(b), u(c), true, false, rm, fl);
    }

    /** fnmadd.s: -(a*b) - c, rounded once. */
    public static int fnmadd(int a, int b, int c, int rm, FpFlags fl) {
        return (int) FloatCore.fma(F, u(a), u(b), u(c), true, true, rm, fl);
    }

    /** fmin.s (IEEE 754-2019 minimumNumber, -0 below +0). */
    public static int min(int a, int b, FpFlags fl) {
        return (int) FloatCore.minMax(F, u(a), u(b), false, fl);
    }

    /** fmax.s (IEEE 754-2019 maximumNumber, +0 above -0). */
    public static int max(int a, int b, FpFlags fl) {
        return (int) FloatCore.minMax(F, u(a), u(b), true, fl);
    }

    /** feq.s: 1 or 0; NV only for a signaling NaN. */
    public static int eq(int a, int b, FpFlags fl) {
        return FloatCore.eq(F, u(a), u(b), fl) ? 1 : 0;
    }

    /** flt.s: 1 or 0; NV for any NaN. */
    public static int lt(int a, int b, FpFlags fl) {
        return FloatCore.lt(F, u(a), u(b), fl) ? 1 : 0;
    }

    /** fle.s: 1 or 0; NV for any NaN. */
    public static int le(int a, int b, FpFlags fl) {
        return FloatCore.le(F, u(a), u(b), fl) ? 1 : 0;
    }

    /** fclass.s: the class mask (bit 0 -inf ... bit 9 quiet NaN). */
    public static int classify(int a) {
        return FloatCore.classify(F, u(a));
    }

    /** fsgnj.s: a's magnitude, b's sign. */
    public static int sgnj(int a, int b) {
        return (a & 0x7FFF_FFFF) | (b & 0x8000_0000);
    }

    /** fsgnjn.s: a's magnitude, b's sign inverted. */
    public static int sgnjn(int a, int b) {
        return (a & 0x7FFF_FFFF) | (~b & 0x8000_0000);
    }

    /** fsgnjx.s: a with its sign XORed with b's. */
    public static int sgnjx(int a, int b) {
        return a ^ (b & 0x8000_0000);
    }

    /** fcvt.w.s: saturating (NaN and +inf give 2^31-1, -inf gives -2^31) with NV; NX when inexact. */
    public static int toInt32(int a, int rm, FpFlags fl) {
        return FloatCore.toInt32(F, u(a), false, rm, fl);
    }

    /** fcvt.wu.s: saturating (NaN and +inf give 2^32-1, -inf and negatives that round below 0 give 0) with NV. */
    public static int toUint32(int a, int rm, FpFlags fl) {
        return FloatCore.toInt32(F, u(a), true, rm, fl);
    }

    /** fcvt.s.w. */
    public static int fromInt32(int x, int rm, FpFlags fl) {
        return (int) FloatCore.fromInt(F, x, rm, fl);
    }

    /** fcvt.s.wu. */
    public static int fromUint32(int x, int rm, FpFlags fl) {
        return (int) FloatCore.fromInt(F, x & 0xFFFF_FFFFL, rm, fl);
    }

    /** fcvt.d.s: exact; a NaN becomes the canonical double NaN (NV when signaling). */
    public static long toF64(int a, FpFlags fl) {
        return FloatCore.convert(F, BinaryFormat.DOUBLE, u(a), RoundingMode.RNE, fl);
    }

    public static boolean isNaN(int a) {
        return F.isNaN(u(a));
    }

    public static boolean isSignalingNaN(int a) {
        return F.isSignalingNaN(u(a));
    }
}
