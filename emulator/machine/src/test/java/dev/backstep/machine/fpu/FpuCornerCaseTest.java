package dev.backstep.machine.fpu;

import static dev.backstep.machine.fpu.FpFlags.DZ;
import static dev.backstep.machine.fpu.FpFlags.NV;
import static dev.backstep.machine.fpu.FpFlags.NX;
import static dev.backstep.machine.fpu.FpFlags.OF;
import static dev.backstep.machine.fpu.FpFlags.UF;
import static dev.backstep.machine.fpu.RoundingMode.RDN;
import static dev.backstep.machine.fpu.RoundingMode.RMM;
import static dev.backstep.machine.fpu.RoundingMode.RNE;
import static dev.backstep.machine.fpu.RoundingMode.RTZ;
import static dev.backstep.machine.fpu.RoundingMode.RUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The corners of IEEE 754 as RISC-V and QEMU 7.2 resolve them, one by one. */
class FpuCornerCaseTest {
    private static final int ONE = 0x3F80_0000;
    private static final int MINUS_ONE = 0xBF80_0000;
    private static final int HALF = 0x3F00_0000;
    private static final int PZERO = 0;
    private static final int NZERO = 0x8000_0000;
    private static final int PINF = 0x7F80_0000;
    private static final int NINF = 0xFF80_0000;
    private static final int MAX = 0x7F7F_FFFF;
    private static final int MIN_NORMAL = 0x0080_0000;
    private static final int MIN_SUB = 0x0000_0001;
    private static final int QNAN_PAYLOAD = 0xFFC0_1234;
    private static final int SNAN = 0x7F80_0001;
    private static final long D_ONE = 0x3FF0_0000_0000_0000L;
    private static final long D_SNAN = 0x7FF0_0000_0000_0001L;
    private static final long D_QNAN_PAYLOAD = 0xFFF8_0000_0000_0042L;

    private FpFlags fl;

    private FpFlags fresh() {
        fl = new FpFlags();
        return fl;
    }

    private void assertSingle(int expected, int got, int expectedFlags) {
        assertEquals(String.format("%08x", expected), String.format("%08x", got));
        assertEquals(FpFlags.describe(expectedFlags), FpFlags.describe(fl.bits));
    }

    private void assertDouble(long expected, long got, int expectedFlags) {
        assertEquals(String.format("%016x", expected), String.format("%016x", got));
        assertEquals(FpFlags.describe(expectedFlags), FpFlags.describe(fl.bits));
    }

    // ---- NaNs ----

    @Test
    void quietNaNOperandGivesCanonicalNaNWithoutFlags() {
        assertSingle(F32.CANONICAL_NAN, F32.add(QNAN_PAYLOAD, ONE, RNE, fresh()), 0);
        assertSingle(F32.CANONICAL_NAN, F32.mul(ONE, QNAN_PAYLOAD, RNE, fresh()), 0);
        assertDouble(F64.CANONICAL_NAN, F64.div(D_QNAN_PAYLOAD, D_ONE, RNE, fresh()), 0);
        assertDouble(F64.CANONICAL_NAN, F64.sqrt(D_QNAN_PAYLOAD, RNE, fresh()), 0);
    }

    @Test
    void signalingNaNOperandRaisesInvalid() {
        assertSingle(F32.CANONICAL_NAN, F32.add(ONE, SNAN, RNE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F32.sqrt(SNAN, RNE, fresh()), NV);
        assertDouble(F64.CANONICAL_NAN, F64.fmadd(D_ONE, D_ONE, D_SNAN, RNE, fresh()), NV);
        assertDouble(F64.CANONICAL_NAN, F32.toF64(SNAN, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F64.toF32(D_SNAN, RNE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F64.toF32(D_QNAN_PAYLOAD, RNE, fresh()), 0);
    }

    @Test
    void invalidOperationsGiveCanonicalNaN() {
        assertSingle(F32.CANONICAL_NAN, F32.add(PINF, NINF, RNE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F32.sub(PINF, PINF, RNE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F32.mul(PZERO, NINF, RNE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F32.div(PZERO, NZERO, RNE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F32.div(PINF, NINF, RNE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F32.sqrt(MINUS_ONE, RNE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F32.sqrt(NINF, RNE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F32.fmadd(PINF, ONE, NINF, RNE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F32.fmsub(PINF, ONE, PINF, RNE, fresh()), NV);
    }

    @Test
    void infinityTimesZeroPlusQuietNaNRaisesInvalid() {
        // QEMU's RISC-V target: NV for inf * 0 even when the addend is a quiet NaN
        assertSingle(F32.CANONICAL_NAN, F32.fmadd(PINF, PZERO, F32.CANONICAL_NAN, RNE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F32.fmadd(ONE, PZERO, F32.CANONICAL_NAN, RNE, fresh()), 0);
    }

    // ---- division by zero, infinities, zeros ----

    @Test
    void divisionByZeroGivesSignedInfinity() {
        assertSingle(PINF, F32.div(ONE, PZERO, RNE, fresh()), DZ);
        assertSingle(NINF, F32.div(MINUS_ONE, PZERO, RNE, fresh()), DZ);
        assertSingle(NINF, F32.div(ONE, NZERO, RTZ, fresh()), DZ);
        assertSingle(PINF, F32.div(PINF, PZERO, RNE, fresh()), 0);
        assertSingle(NZERO, F32.div(MINUS_ONE, PINF, RNE, fresh()), 0);
    }

    @Test
    void exactZeroSumIsNegativeOnlyWhenRoundingDown() {
        for (int rm : new int[] {RNE, RTZ, RUP, RMM}) {
            assertSingle(PZERO, F32.add(ONE, MINUS_ONE, rm, fresh()), 0);
            assertSingle(PZERO, F32.add(PZERO, NZERO, rm, fresh()), 0);
            assertSingle(PZERO, F32.fmadd(ONE, ONE, MINUS_ONE, rm, fresh()), 0);
        }
        assertSingle(NZERO, F32.add(ONE, MINUS_ONE, RDN, fresh()), 0);
        assertSingle(NZERO, F32.add(PZERO, NZERO, RDN, fresh()), 0);
        assertSingle(NZERO, F32.fmadd(ONE, ONE, MINUS_ONE, RDN, fresh()), 0);
        assertSingle(NZERO, F32.add(NZERO, NZERO, RNE, fresh()), 0);
        assertSingle(PZERO, F32.sub(PZERO, NZERO, RDN, fresh()), 0);
    }

    @Test
    void negatedFusedFormsNegateTheProductNotTheResult() {
        // fnmsub = -(a*b) + c: -(+0) + +0 = +0; fnmadd = -(a*b) - c: -(+0) - +0 = -0
        assertSingle(PZERO, F32.fnmsub(PZERO, ONE, PZERO, RNE, fresh()), 0);
        assertSingle(NZERO, F32.fnmadd(PZERO, ONE, PZERO, RNE, fresh()), 0);
        assertSingle(NZERO, F32.fmsub(NZERO, ONE, PZERO, RNE, fresh()), 0);
        assertSingle(0x4040_0000, F32.fnmsub(ONE, MINUS_ONE, 0x4000_0000, RNE, fresh()), 0); // 1 + 2
        assertSingle(0xC040_0000, F32.fnmadd(ONE, ONE, 0x4000_0000, RNE, fresh()), 0); // -1 - 2
    }

    @Test
    void sqrtOfZerosKeepsTheSign() {
        assertSingle(NZERO, F32.sqrt(NZERO, RNE, fresh()), 0);
        assertSingle(PINF, F32.sqrt(PINF, RNE, fresh()), 0);
        assertDouble(0x4000_0000_0000_0000L, F64.sqrt(0x4010_0000_0000_0000L, RNE, fresh()), 0);
        assertSingle(0x3FB5_04F3, F32.sqrt(0x4000_0000, RNE, fresh()), NX); // sqrt(2)
        assertSingle(0x3FB5_04F3, F32.sqrt(0x4000_0000, RTZ, fresh()), NX);
        assertSingle(0x3FB5_04F4, F32.sqrt(0x4000_0000, RUP, fresh()), NX);
    }

    // ---- overflow ----

    @Test
    void overflowResultDependsOnModeAndSign() {
        int[][] expect = {{RNE, PINF, NINF}, {RTZ, MAX, MAX | NZERO}, {RDN, MAX, NINF}, {RUP, PINF, MAX | NZERO},
            {RMM, PINF, NINF}};
        for (int[] e : expect) {
            assertSingle(e[1], F32.mul(MAX, 0x4000_0000, e[0], fresh()), OF | NX);
            assertSingle(e[2], F32.mul(MAX | NZERO, 0x4000_0000, e[0], fresh()), OF | NX);
        }
        // MAX + half an ulp of MAX: a tie that rounds up to 2^128 in RNE and RMM
        assertSingle(PINF, F32.add(MAX, 0x7300_0000, RNE, fresh()), OF | NX);
        assertSingle(MAX, F32.add(MAX, 0x7300_0000, RTZ, fresh()), NX);
        assertSingle(MAX, F32.add(MAX, 0x72FF_FFFF, RNE, fresh()), NX);
        assertSingle(PINF, F64.toF32(0x47EF_FFFF_F000_0000L, RNE, fresh()), OF | NX);
        assertSingle(MAX, F64.toF32(0x47EF_FFFF_F000_0000L, RTZ, fresh()), NX);
    }

    // ---- underflow: tininess after rounding ----

    @Test
    void resultRoundedUpToSmallestNormalIsStillTinyWhenItWasTinyAtFullPrecision() {
        // (1 - 2^-24) * 2^-126 is exact at 24 bits (so tiny after rounding), then rounds to 2^-126
        assertSingle(MIN_NORMAL, F32.mul(0x3F7F_FFFF, MIN_NORMAL, RNE, fresh()), UF | NX);
        assertDouble(0x0010_0000_0000_0000L, F64.mul(0x3FEF_FFFF_FFFF_FFFFL, 0x0010_0000_0000_0000L, RNE, fresh()),
                UF | NX);
    }

    @Test
    void resultThatRoundsToSmallestNormalAtFullPrecisionIsNotTiny() {
        // 2^-126 - 2^-151 = 2^-126 (1 - 2^-25): a tie at 24 bits that RNE rounds up to 2^-126
        int tinyA = 0x9A00_0000; // -2^-75
        int tinyB = 0x1980_0000; // 2^-76
        assertSingle(MIN_NORMAL, F32.fmadd(tinyA, tinyB, MIN_NORMAL, RNE, fresh()), NX);
        assertSingle(MIN_NORMAL, F32.fmadd(tinyA, tinyB, MIN_NORMAL, RUP, fresh()), NX);
        assertSingle(MIN_NORMAL, F32.fmadd(tinyA, tinyB, MIN_NORMAL, RMM, fresh()), NX);
        assertSingle(0x007F_FFFF, F32.fmadd(tinyA, tinyB, MIN_NORMAL, RTZ, fresh()), UF | NX);
        assertSingle(0x007F_FFFF, F32.fmadd(tinyA, tinyB, MIN_NORMAL, RDN, fresh()), UF | NX);
    }

    @Test
    void exactSubnormalResultRaisesNothing() {
        assertSingle(0x0040_0000, F32.mul(MIN_NORMAL, HALF, RNE, fresh()), 0);
        assertSingle(MIN_SUB, F32.sub(0x0000_0003, 0x0000_0002, RNE, fresh()), 0);
    }

    @Test
    void halfOfTheSmallestSubnormalRoundsByMode() {
        assertSingle(PZERO, F32.mul(MIN_SUB, HALF, RNE, fresh()), UF | NX);
        assertSingle(PZERO, F32.mul(MIN_SUB, HALF, RTZ, fresh()), UF | NX);
        assertSingle(MIN_SUB, F32.mul(MIN_SUB, HALF, RUP, fresh()), UF | NX);
        assertSingle(MIN_SUB, F32.mul(MIN_SUB, HALF, RMM, fresh()), UF | NX);
        assertSingle(NZERO, F32.mul(MIN_SUB | NZERO, HALF, RNE, fresh()), UF | NX);
        assertSingle(MIN_SUB | NZERO, F32.mul(MIN_SUB | NZERO, HALF, RDN, fresh()), UF | NX);
    }

    // ---- ties ----

    @Test
    void tiesGoToEvenOrAwayFromZero() {
        // 1 + 2^-24 is halfway between 1 and 1 + 2^-23
        int halfUlp = 0x3380_0000;
        assertSingle(ONE, F32.add(ONE, halfUlp, RNE, fresh()), NX);
        assertSingle(0x3F80_0001, F32.add(ONE, halfUlp, RMM, fresh()), NX);
        assertSingle(0x3F80_0001, F32.add(ONE, halfUlp, RUP, fresh()), NX);
        assertSingle(ONE, F32.add(ONE, halfUlp, RDN, fresh()), NX);
        // 1 + 3 * 2^-24 is halfway between odd 1 + 2^-23 and even 1 + 2^-22
        assertSingle(0x3F80_0002, F32.add(ONE, 0x3440_0000, RNE, fresh()), NX);
    }

    // ---- min / max ----

    @Test
    void minMaxFollowTheMinimumNumberRules() {
        assertSingle(NZERO, F32.min(PZERO, NZERO, fresh()), 0);
        assertSingle(NZERO, F32.min(NZERO, PZERO, fresh()), 0);
        assertSingle(PZERO, F32.max(NZERO, PZERO, fresh()), 0);
        assertSingle(PZERO, F32.max(PZERO, NZERO, fresh()), 0);
        assertSingle(ONE, F32.min(QNAN_PAYLOAD, ONE, fresh()), 0);
        assertSingle(ONE, F32.max(ONE, QNAN_PAYLOAD, fresh()), 0);
        assertSingle(ONE, F32.min(SNAN, ONE, fresh()), NV);
        assertSingle(F32.CANONICAL_NAN, F32.min(QNAN_PAYLOAD, QNAN_PAYLOAD, fresh()), 0);
        assertSingle(F32.CANONICAL_NAN, F32.max(SNAN, QNAN_PAYLOAD, fresh()), NV);
        assertDouble(D_ONE, F64.max(D_SNAN, D_ONE, fresh()), NV);
    }

    // ---- comparisons ----

    @Test
    void equalityIsQuietOrderingIsSignaling() {
        assertEquals(1, F32.eq(PZERO, NZERO, fresh()));
        assertEquals(0, F32.eq(QNAN_PAYLOAD, QNAN_PAYLOAD, fl));
        assertEquals(0, fl.bits);
        assertEquals(0, F32.eq(SNAN, ONE, fl));
        assertEquals(NV, fl.bits);
        assertEquals(0, F32.lt(QNAN_PAYLOAD, ONE, fresh()));
        assertEquals(NV, fl.bits);
        assertEquals(0, F32.le(ONE, QNAN_PAYLOAD, fresh()));
        assertEquals(NV, fl.bits);
        assertEquals(0, F32.lt(NZERO, PZERO, fresh()));
        assertEquals(1, F32.le(PZERO, NZERO, fl));
        assertEquals(1, F32.lt(NINF, MIN_SUB | NZERO, fl));
        assertEquals(0, fl.bits);
    }

    @Test
    void classifySetsOneBitPerClass() {
        assertEquals(1, F32.classify(NINF));
        assertEquals(1 << 1, F32.classify(MINUS_ONE));
        assertEquals(1 << 2, F32.classify(MIN_SUB | NZERO));
        assertEquals(1 << 3, F32.classify(NZERO));
        assertEquals(1 << 4, F32.classify(PZERO));
        assertEquals(1 << 5, F32.classify(0x007F_FFFF));
        assertEquals(1 << 6, F32.classify(MAX));
        assertEquals(1 << 7, F32.classify(PINF));
        assertEquals(1 << 8, F32.classify(SNAN));
        assertEquals(1 << 9, F32.classify(QNAN_PAYLOAD));
        assertEquals(1 << 8, F64.classify(D_SNAN));
        assertEquals(1 << 2, F64.classify(0x800F_FFFF_FFFF_FFFFL));
    }

    @Test
    void signInjectionTouchesOnlyTheSignBit() {
        assertEquals(0xFFC0_0000, F32.sgnjn(F32.CANONICAL_NAN, F32.CANONICAL_NAN));
        assertEquals(MINUS_ONE, F32.sgnj(ONE, NZERO));
        assertEquals(ONE, F32.sgnjx(MINUS_ONE, MINUS_ONE));
        assertEquals(0x8000_0000_0000_0001L, F64.sgnjn(1L, 0L));
        assertEquals(D_SNAN, F64.sgnjx(D_SNAN, D_ONE));
    }

    // ---- conversions ----

    @Test
    void floatToIntSaturatesWithInvalidOnly() {
        assertInt(Integer.MAX_VALUE, F32.toInt32(F32.CANONICAL_NAN, RNE, fresh()), NV);
        assertInt(Integer.MAX_VALUE, F32.toInt32(PINF, RNE, fresh()), NV);
        assertInt(Integer.MIN_VALUE, F32.toInt32(NINF, RNE, fresh()), NV);
        assertInt(Integer.MAX_VALUE, F32.toInt32(0x4F00_0000, RNE, fresh()), NV); // 2^31
        assertInt(Integer.MIN_VALUE, F32.toInt32(0xCF00_0000, RNE, fresh()), 0); // -2^31
        long d = Double.doubleToRawLongBits(0x1p31 - 0.5);
        assertInt(Integer.MAX_VALUE, F64.toInt32(d, RNE, fresh()), NV); // rounds to 2^31: NV, no NX
        assertInt(Integer.MAX_VALUE, F64.toInt32(d, RTZ, fresh()), NX);
        long m = Double.doubleToRawLongBits(-0x1p31 - 0.5);
        assertInt(Integer.MIN_VALUE, F64.toInt32(m, RNE, fresh()), NX); // tie to even -2^31
        assertInt(Integer.MIN_VALUE, F64.toInt32(m, RDN, fresh()), NV);
        assertInt(-2, F64.toInt32(Double.doubleToRawLongBits(-2.5), RNE, fresh()), NX);
        assertInt(-3, F64.toInt32(Double.doubleToRawLongBits(-2.5), RMM, fresh()), NX);
        assertInt(0, F32.toInt32(NZERO, RNE, fresh()), 0);
        assertInt(0, F32.toInt32(MIN_SUB, RNE, fresh()), NX);
        assertInt(1, F32.toInt32(MIN_SUB, RUP, fresh()), NX);
    }

    @Test
    void floatToUnsignedRoundsSmallNegativesToZero() {
        long minus03 = Double.doubleToRawLongBits(-0.3);
        long minus07 = Double.doubleToRawLongBits(-0.7);
        assertInt(0, F64.toUint32(minus03, RNE, fresh()), NX);
        assertInt(0, F64.toUint32(minus07, RNE, fresh()), NV);
        assertInt(0, F64.toUint32(minus07, RTZ, fresh()), NX);
        assertInt(0, F64.toUint32(minus03, RDN, fresh()), NV);
        assertInt(0, F64.toUint32(Double.doubleToRawLongBits(-1.0), RNE, fresh()), NV);
        assertInt(-1, F32.toUint32(F32.CANONICAL_NAN, RNE, fresh()), NV);
        assertInt(0, F32.toUint32(NINF, RNE, fresh()), NV);
        assertInt(-1, F32.toUint32(PINF, RNE, fresh()), NV);
        long big = Double.doubleToRawLongBits(0x1p32 - 0.5);
        assertInt(-1, F64.toUint32(big, RNE, fresh()), NV);
        assertInt(-1, F64.toUint32(big, RDN, fresh()), NX);
        assertInt(0x8000_0000, F32.toUint32(0x4F00_0000, RNE, fresh()), 0);
    }

    @Test
    void intToFloatRoundsInEveryMode() {
        int x = (1 << 24) + 1; // halfway between 2^24 and 2^24 + 2
        assertSingle(0x4B80_0000, F32.fromInt32(x, RNE, fresh()), NX);
        assertSingle(0x4B80_0001, F32.fromInt32(x, RMM, fresh()), NX);
        assertSingle(0x4B80_0001, F32.fromInt32(x, RUP, fresh()), NX);
        assertSingle(0xCB80_0001, F32.fromInt32(-x, RDN, fresh()), NX);
        assertSingle(0xCB80_0000, F32.fromInt32(-x, RTZ, fresh()), NX);
        assertSingle(0x4F80_0000, F32.fromUint32(-1, RNE, fresh()), NX);
        assertSingle(0x4F7F_FFFF, F32.fromUint32(-1, RTZ, fresh()), NX);
        assertSingle(0xCF00_0000, F32.fromInt32(Integer.MIN_VALUE, RNE, fresh()), 0);
        assertSingle(PZERO, F32.fromInt32(0, RDN, fresh()), 0);
        assertDouble(0x41EF_FFFF_FFE0_0000L, F64.fromUint32(-1), 0);
        assertDouble(0xC1E0_0000_0000_0000L, F64.fromInt32(Integer.MIN_VALUE), 0);
    }

    @Test
    void singleToDoubleIsExactAndNormalisesSubnormals() {
        assertDouble(0x36A0_0000_0000_0000L, F32.toF64(MIN_SUB, fresh()), 0);
        assertDouble(0xFFF0_0000_0000_0000L, F32.toF64(NINF, fresh()), 0);
        assertDouble(F64.CANONICAL_NAN, F32.toF64(QNAN_PAYLOAD, fresh()), 0);
        assertSingle(MIN_SUB, F64.toF32(0x36A0_0000_0000_0000L, RNE, fresh()), 0);
        assertSingle(PZERO, F64.toF32(0x3690_0000_0000_0000L, RNE, fresh()), UF | NX); // 2^-150: tie to 0
        assertSingle(MIN_SUB, F64.toF32(0x3690_0000_0000_0001L, RNE, fresh()), UF | NX);
    }

    // ---- NaN-boxing, modes, flags ----

    @Test
    void improperlyBoxedSingleReadsAsCanonicalNaN() {
        assertEquals(ONE, NanBox.unbox(NanBox.box(ONE)));
        assertEquals(0xFFFF_FFFF_3F80_0000L, NanBox.box(ONE));
        assertEquals(F32.CANONICAL_NAN, NanBox.unbox(0x0000_0000_3F80_0000L));
        assertEquals(F32.CANONICAL_NAN, NanBox.unbox(0xFFFF_FFFE_3F80_0000L));
        assertTrue(NanBox.isBoxed(0xFFFF_FFFF_0000_0000L));
        assertFalse(NanBox.isBoxed(D_ONE));
    }

    @Test
    void dynamicRoundingModeResolvesThroughFrm() {
        assertEquals(RDN, RoundingMode.effective(RoundingMode.DYN, RDN));
        assertEquals(RMM, RoundingMode.effective(RMM, 7));
        assertEquals(-1, RoundingMode.effective(RoundingMode.DYN, 5));
        assertEquals(-1, RoundingMode.effective(RoundingMode.DYN, 7));
        assertEquals(-1, RoundingMode.effective(6, RNE));
        assertThrows(IllegalArgumentException.class, () -> F32.add(ONE, 0x3380_0000, 5, new FpFlags()));
    }

    @Test
    void flagsAccumulateAcrossOperations() {
        FpFlags acc = new FpFlags();
        F32.div(ONE, PZERO, RNE, acc);
        F32.add(ONE, 0x3380_0000, RNE, acc);
        F32.add(ONE, ONE, RNE, acc);
        assertEquals(DZ | NX, acc.bits);
        assertEquals("DZ|NX", acc.toString());
        assertEquals("-", FpFlags.describe(0));
    }

    private void assertInt(int expected, int got, int expectedFlags) {
        assertEquals(expected, got);
        assertEquals(FpFlags.describe(expectedFlags), FpFlags.describe(fl.bits));
    }
}
