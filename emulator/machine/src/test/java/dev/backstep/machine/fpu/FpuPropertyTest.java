package dev.backstep.machine.fpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Properties over many seeded random operands: round-to-nearest-even results equal Java's own
 * float/double arithmetic (which is correctly rounded), the directed modes bracket the exact value
 * (checked with BigDecimal) one unit apart, NX says whether the result is exact, conversions
 * round-trip. A failure prints the seed and operands; the seed is fixed so runs are reproducible.
 */
class FpuPropertyTest {
    private static final int CASES = 200_000;
    private static final int[] MODES = {RoundingMode.RNE, RoundingMode.RTZ, RoundingMode.RDN, RoundingMode.RUP,
        RoundingMode.RMM};

    private interface Op32 {
        int apply(int a, int b, int c, int rm, FpFlags fl);
    }

    private interface Op64 {
        long apply(long a, long b, long c, int rm, FpFlags fl);
    }

    private interface Exact {
        /** The exact result, or null when it is not a finite BigDecimal. */
        BigDecimal of(BigDecimal a, BigDecimal b, BigDecimal c);
    }

    // ---- RNE against Java ----

    @Test
    void singleRoundToNearestMatchesJava() {
        SplittableRandom r = new SplittableRandom(0x5eed32);
        FpFlags fl = new FpFlags();
        for (int i = 0; i < CASES; i++) {
            int a = Operands.f32(r);
            int b = Operands.f32(r);
            int c = Operands.f32(r);
            float x = Float.intBitsToFloat(a);
            float y = Float.intBitsToFloat(b);
            float z = Float.intBitsToFloat(c);
            check32("add", a, b, c, F32.add(a, b, 0, fl), x + y);
            check32("sub", a, b, c, F32.sub(a, b, 0, fl), x - y);
            check32("mul", a, b, c, F32.mul(a, b, 0, fl), x * y);
            check32("div", a, b, c, F32.div(a, b, 0, fl), x / y);
            check32("sqrt", a, b, c, F32.sqrt(a, 0, fl), (float) Math.sqrt(x));
            check32("fmadd", a, b, c, F32.fmadd(a, b, c, 0, fl), Math.fma(x, y, z));
            check32("fmsub", a, b, c, F32.fmsub(a, b, c, 0, fl), Math.fma(x, y, -z));
            check32("fnmsub", a, b, c, F32.fnmsub(a, b, c, 0, fl), Math.fma(-x, y, z));
            check32("fnmadd", a, b, c, F32.fnmadd(a, b, c, 0, fl), Math.fma(-x, y, -z));
            check32("fcvt.s.d", a, b, c, F64.toF32(Double.doubleToRawLongBits(x * (double) y), 0, fl),
                    (float) (x * (double) y));
            long d = F32.toF64(a, fl);
            if (!Float.isNaN(x)) {
                assertEquals(Double.doubleToRawLongBits(x), d, () -> "fcvt.d.s " + hex(a));
            }
            if (!Float.isNaN(x) && !Float.isNaN(y)) {
                assertEquals(x < y ? 1 : 0, F32.lt(a, b, fl), () -> "flt " + hex(a) + " " + hex(b));
                assertEquals(x <= y ? 1 : 0, F32.le(a, b, fl), () -> "fle " + hex(a) + " " + hex(b));
                assertEquals(x == y ? 1 : 0, F32.eq(a, b, fl), () -> "feq " + hex(a) + " " + hex(b));
                assertEquals(Float.floatToRawIntBits(Math.min(x, y)), F32.min(a, b, fl), () -> "fmin " + hex(a));
                assertEquals(Float.floatToRawIntBits(Math.max(x, y)), F32.max(a, b, fl), () -> "fmax " + hex(a));
            }
        }
    }

    @Test
    void doubleRoundToNearestMatchesJava() {
        SplittableRandom r = new SplittableRandom(0x5eed64);
        FpFlags fl = new FpFlags();
        for (int i = 0; i < CASES; i++) {
            long a = Operands.f64(r);
            long b = Operands.f64(r);
            long c = Operands.f64(r);
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double z = Double.longBitsToDouble(c);
            check64("add", a, b, c, F64.add(a, b, 0, fl), x + y);
            check64("sub", a, b, c, F64.sub(a, b, 0, fl), x - y);
            check64("mul", a, b, c, F64.mul(a, b, 0, fl), x * y);
            check64("div", a, b, c, F64.div(a, b, 0, fl), x / y);
            check64("sqrt", a, b, c, F64.sqrt(a, 0, fl), Math.sqrt(x));
            check64("fmadd", a, b, c, F64.fmadd(a, b, c, 0, fl), Math.fma(x, y, z));
            check64("fmsub", a, b, c, F64.fmsub(a, b, c, 0, fl), Math.fma(x, y, -z));
            check64("fnmsub", a, b, c, F64.fnmsub(a, b, c, 0, fl), Math.fma(-x, y, z));
            check64("fnmadd", a, b, c, F64.fnmadd(a, b, c, 0, fl), Math.fma(-x, y, -z));
            int s = F64.toF32(a, 0, fl);
            if (!Double.isNaN(x)) {
                assertEquals(Float.floatToRawIntBits((float) x), s, () -> "fcvt.s.d " + hex(a));
            } else {
                assertEquals(F32.CANONICAL_NAN, s);
            }
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                assertEquals(x < y ? 1 : 0, F64.lt(a, b, fl), () -> "flt " + hex(a) + " " + hex(b));
                assertEquals(x <= y ? 1 : 0, F64.le(a, b, fl), () -> "fle " + hex(a) + " " + hex(b));
                assertEquals(x == y ? 1 : 0, F64.eq(a, b, fl), () -> "feq " + hex(a) + " " + hex(b));
                assertEquals(Double.doubleToRawLongBits(Math.min(x, y)), F64.min(a, b, fl), () -> "fmin " + hex(a));
                assertEquals(Double.doubleToRawLongBits(Math.max(x, y)), F64.max(a, b, fl), () -> "fmax " + hex(a));
            }
        }
    }

    private static void check32(String op, int a, int b, int c, int got, float java) {
        if (Float.isNaN(java)) {
            if (got != F32.CANONICAL_NAN) {
                fail(op + "(" + hex(a) + ", " + hex(b) + ", " + hex(c) + ") = " + hex(got)
                        + ", expected canonical NaN");
            }
        } else if (got != Float.floatToRawIntBits(java)) {
            fail(op + "(" + hex(a) + ", " + hex(b) + ", " + hex(c) + ") = " + hex(got) + ", Java says "
                    + hex(Float.floatToRawIntBits(java)));
        }
    }

    private static void check64(String op, long a, long b, long c, long got, double java) {
        if (Double.isNaN(java)) {
            if (got != F64.CANONICAL_NAN) {
                fail(op + "(" + hex(a) + ", " + hex(b) + ", " + hex(c) + ") = " + hex(got)
                        + ", expected canonical NaN");
            }
        } else if (got != Double.doubleToRawLongBits(java)) {
            fail(op + "(" + hex(a) + ", " + hex(b) + ", " + hex(c) + ") = " + hex(got) + ", Java says "
                    + hex(Double.doubleToRawLongBits(java)));
        }
    }

    // ---- directed modes bracket the exact value ----

    @Test
    void singleModesBracketTheExactValue() {
        SplittableRandom r = new SplittableRandom(0xb4ac32);
        bracket32("add", r, F32::add, (x, y, z) -> x.add(y));
        bracket32("sub", r, F32::sub, (x, y, z) -> x.subtract(y));
        bracket32("mul", r, F32::mul, (x, y, z) -> x.multiply(y));
        bracket32("fmadd", r, F32::fmadd, (x, y, z) -> x.multiply(y).add(z));
        bracket32("fnmadd", r, F32::fnmadd, (x, y, z) -> x.multiply(y).add(z).negate());
        bracket32("fmsub", r, F32::fmsub, (x, y, z) -> x.multiply(y).subtract(z));
        bracket32("fnmsub", r, F32::fnmsub, (x, y, z) -> z.subtract(x.multiply(y)));
    }

    @Test
    void doubleModesBracketTheExactValue() {
        SplittableRandom r = new SplittableRandom(0xb4ac64);
        bracket64("add", r, F64::add, (x, y, z) -> x.add(y));
        bracket64("sub", r, F64::sub, (x, y, z) -> x.subtract(y));
        bracket64("mul", r, F64::mul, (x, y, z) -> x.multiply(y));
        bracket64("fmadd", r, F64::fmadd, (x, y, z) -> x.multiply(y).add(z));
        bracket64("fnmadd", r, F64::fnmadd, (x, y, z) -> x.multiply(y).add(z).negate());
        bracket64("fmsub", r, F64::fmsub, (x, y, z) -> x.multiply(y).subtract(z));
        bracket64("fnmsub", r, F64::fnmsub, (x, y, z) -> z.subtract(x.multiply(y)));
    }

    private interface Op2F32 {
        int apply(int a, int b, int rm, FpFlags fl);
    }

    private interface Op3F32 {
        int apply(int a, int b, int c, int rm, FpFlags fl);
    }

    private static void bracket32(String name, SplittableRandom r, Op2F32 op, Exact exact) {
        bracket32(name, r, (Op3F32) (a, b, c, rm, fl) -> op.apply(a, b, rm, fl), exact);
    }

    private static void bracket32(String name, SplittableRandom r, Op3F32 op, Exact exact) {
        for (int i = 0; i < CASES / 20; i++) {
            int a = Operands.f32(r);
            int b = Operands.f32(r);
            int c = Operands.f32(r);
            float x = Float.intBitsToFloat(a);
            float y = Float.intBitsToFloat(b);
            float z = Float.intBitsToFloat(c);
            if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
                continue;
            }
            BigDecimal e = exact.of(new BigDecimal(x), new BigDecimal(y), new BigDecimal(z));
            double[] res = new double[5];
            int[] flags = new int[5];
            for (int m : MODES) {
                FpFlags fl = new FpFlags();
                res[m] = Float.intBitsToFloat(op.apply(a, b, c, m, fl));
                flags[m] = fl.bits;
            }
            String what = name + "(" + hex(a) + ", " + hex(b) + ", " + hex(c) + ")";
            checkBracket(what, e, res, flags, Float.MIN_VALUE, Float.MAX_VALUE, true);
        }
    }

    private static void bracket64(String name, SplittableRandom r, Op3F64 op, Exact exact) {
        for (int i = 0; i < CASES / 20; i++) {
            long a = Operands.f64(r);
            long b = Operands.f64(r);
            long c = Operands.f64(r);
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double z = Double.longBitsToDouble(c);
            if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
                continue;
            }
            BigDecimal e = exact.of(new BigDecimal(x), new BigDecimal(y), new BigDecimal(z));
            double[] res = new double[5];
            int[] flags = new int[5];
            for (int m : MODES) {
                FpFlags fl = new FpFlags();
                res[m] = Double.longBitsToDouble(op.apply(a, b, c, m, fl));
                flags[m] = fl.bits;
            }
            String what = name + "(" + hex(a) + ", " + hex(b) + ", " + hex(c) + ")";
            checkBracket(what, e, res, flags, Double.MIN_VALUE, Double.MAX_VALUE, false);
        }
    }

    private interface Op2F64 {
        long apply(long a, long b, int rm, FpFlags fl);
    }

    private interface Op3F64 {
        long apply(long a, long b, long c, int rm, FpFlags fl);
    }

    private static void bracket64(String name, SplittableRandom r, Op2F64 op, Exact exact) {
        bracket64(name, r, (Op3F64) (a, b, c, rm, fl) -> op.apply(a, b, rm, fl), exact);
    }

    /**
     * res[] holds the five modes' results widened to double (exactly). Either the exact value is
     * representable and every mode returns it without NX, or RDN and RUP are adjacent values around
     * it, RTZ is the one nearer zero, RNE/RMM the nearer one (ties: even / away), all with NX.
     */
    private static void checkBracket(String what, BigDecimal e, double[] res, int[] flags, double minSub,
            double max, boolean single) {
        double dn = res[RoundingMode.RDN];
        double up = res[RoundingMode.RUP];
        if (e.signum() == 0) {
            return; // exact zero: its sign rules are unit-tested
        }
        boolean exactFits = Double.isFinite(dn) && new BigDecimal(dn).compareTo(e) == 0;
        if (exactFits) {
            for (int m : MODES) {
                assertEquals(dn, res[m], what + " exact but mode " + m + " differs");
                assertEquals(0, flags[m] & FpFlags.NX, what + " exact but NX in mode " + m);
            }
            return;
        }
        for (int m : MODES) {
            assertTrue((flags[m] & FpFlags.NX) != 0, what + " inexact without NX in mode " + m);
        }
        assertTrue(!Double.isFinite(dn) || new BigDecimal(dn).compareTo(e) < 0, what + " RDN above exact " + dn);
        assertTrue(!Double.isFinite(up) || new BigDecimal(up).compareTo(e) > 0, what + " RUP below exact " + up);
        double next = single ? Math.nextUp((float) dn) : Math.nextUp(dn);
        if (dn == Double.NEGATIVE_INFINITY) {
            next = single ? -Float.MAX_VALUE : -Double.MAX_VALUE;
        }
        assertEquals(next, up, what + " RDN and RUP not adjacent: " + dn + " " + up);
        double rtz = e.signum() > 0 ? dn : up;
        assertEquals(rtz, res[RoundingMode.RTZ], what + " RTZ");
        if (Double.isInfinite(dn) || Double.isInfinite(up)) {
            return; // overflow: RNE/RMM go to infinity, checked against Java and QEMU
        }
        int cmp = e.subtract(new BigDecimal(dn)).compareTo(new BigDecimal(up).subtract(e));
        double away = e.signum() > 0 ? up : dn;
        double even = evenOf(dn, up, single);
        assertEquals(cmp < 0 ? dn : cmp > 0 ? up : even, res[RoundingMode.RNE], what + " RNE");
        assertEquals(cmp < 0 ? dn : cmp > 0 ? up : away, res[RoundingMode.RMM], what + " RMM");
    }

    private static double evenOf(double a, double b, boolean single) {
        long bits = single ? Float.floatToRawIntBits((float) a) : Double.doubleToRawLongBits(a);
        return (bits & 1) == 0 ? a : b;
    }

    // ---- flags ----

    @Test
    void singleMultiplyUnderflowIsTininessAfterRounding() {
        SplittableRandom r = new SplittableRandom(0x7141);
        for (int i = 0; i < CASES; i++) {
            // products near 2^-126: exponents summing to about -126
            int ea = r.nextInt(1, 254);
            int eb = 127 - 126 - (ea - 127) + 127 + r.nextInt(-2, 2);
            if (eb < 1 || eb > 254) {
                continue;
            }
            int a = ea << 23 | (r.nextInt() & 0x7F_FFFF);
            int b = eb << 23 | (r.nextInt() & 0x7F_FFFF) | (r.nextBoolean() ? 0x8000_0000 : 0);
            double exact = (double) Float.intBitsToFloat(a) * Float.intBitsToFloat(b); // 48 bits: exact in a double
            for (int m : MODES) {
                FpFlags fl = new FpFlags();
                F32.mul(a, b, m, fl);
                double unbounded = roundTo24Bits(exact, m);
                boolean tiny = Math.abs(unbounded) < 0x1p-126;
                boolean inexact = (fl.bits & FpFlags.NX) != 0;
                int mode = m;
                assertEquals(tiny && inexact, (fl.bits & FpFlags.UF) != 0,
                        () -> "mul(" + hex(a) + ", " + hex(b) + ") mode " + mode + " flags "
                                + FpFlags.describe(fl.bits));
            }
        }
    }

    /** x rounded to 24 significant bits in mode m, with an unbounded exponent (x is a normal double). */
    private static double roundTo24Bits(double x, int m) {
        double scale = Math.scalb(1.0, -Math.getExponent(x)); // x * scale in [1, 2): representable as a float
        FpFlags ignored = new FpFlags();
        int rounded = F64.toF32(Double.doubleToRawLongBits(x * scale), m, ignored);
        return Float.intBitsToFloat(rounded) / scale;
    }

    // ---- conversions ----

    @Test
    void intConversionsRoundTrip() {
        SplittableRandom r = new SplittableRandom(0xc0);
        for (int i = 0; i < CASES; i++) {
            int x = Operands.int32(r);
            FpFlags fl = new FpFlags();
            long d = F64.fromInt32(x);
            assertEquals(Double.doubleToRawLongBits(x), d);
            assertEquals(x, F64.toInt32(d, RoundingMode.RTZ, fl));
            long du = F64.fromUint32(x);
            assertEquals(Double.doubleToRawLongBits(x & 0xFFFF_FFFFL), du);
            assertEquals(x, F64.toUint32(du, RoundingMode.RNE, fl));
            assertEquals(0, fl.bits, "double round trips are exact");
            int s = F32.fromInt32(x, RoundingMode.RNE, fl);
            assertEquals(Float.floatToRawIntBits((float) x), s, "fcvt.s.w " + x);
            assertEquals((double) (float) x != (double) x ? FpFlags.NX : 0, fl.bits, "fcvt.s.w NX " + x);
            if (Math.abs((long) x) < 1 << 24) {
                fl.bits = 0;
                assertEquals(x, F32.toInt32(s, RoundingMode.RMM, fl));
                assertEquals(0, fl.bits);
            }
            int su = F32.fromUint32(x, RoundingMode.RNE, new FpFlags());
            assertEquals(Float.floatToRawIntBits((float) (x & 0xFFFF_FFFFL)), su, "fcvt.s.wu " + x);
        }
    }

    @Test
    void floatToIntMatchesRoundingInEveryMode() {
        SplittableRandom r = new SplittableRandom(0xf2);
        for (int i = 0; i < CASES; i++) {
            long a = r.nextBoolean() ? Operands.f64(r)
                    : Double.doubleToRawLongBits((r.nextInt() >> r.nextInt(32)) + r.nextInt(8) * 0.25);
            double x = Double.longBitsToDouble(a);
            if (!Double.isFinite(x)) {
                continue;
            }
            for (int m : MODES) {
                double rounded = switch (m) {
                    case RoundingMode.RNE -> Math.rint(x);
                    case RoundingMode.RTZ -> x < 0 ? Math.ceil(x) : Math.floor(x);
                    case RoundingMode.RDN -> Math.floor(x);
                    case RoundingMode.RUP -> Math.ceil(x);
                    default -> Math.abs(x - Math.rint(x)) == 0.5 ? x + Math.copySign(0.5, x) : Math.rint(x);
                };
                FpFlags fl = new FpFlags();
                int got = F64.toInt32(a, m, fl);
                int mode = m;
                if (rounded >= 0x1p31 || rounded < -0x1p31) {
                    assertEquals(FpFlags.NV, fl.bits, () -> "fcvt.w.d " + x + " mode " + mode);
                    assertEquals(rounded > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE, got);
                } else {
                    assertEquals((int) rounded, got, () -> "fcvt.w.d " + x + " mode " + mode);
                    assertEquals(rounded != x ? FpFlags.NX : 0, fl.bits, () -> "fcvt.w.d flags " + x + " mode " + mode);
                }
                FpFlags flu = new FpFlags();
                int gotU = F64.toUint32(a, m, flu);
                if (rounded >= 0x1p32 || rounded <= -1) {
                    assertEquals(FpFlags.NV, flu.bits, () -> "fcvt.wu.d " + x + " mode " + mode);
                    assertEquals(rounded > 0 ? -1 : 0, gotU);
                } else {
                    assertEquals((long) rounded, gotU & 0xFFFF_FFFFL, () -> "fcvt.wu.d " + x + " mode " + mode);
                    assertEquals(rounded != x ? FpFlags.NX : 0, flu.bits, () -> "fcvt.wu.d flags " + x);
                }
            }
        }
    }

    static String hex(int x) {
        return String.format("%08x", x);
    }

    static String hex(long x) {
        return String.format("%016x", x);
    }
}
