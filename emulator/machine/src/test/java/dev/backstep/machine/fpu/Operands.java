package dev.backstep.machine.fpu;

import java.util.SplittableRandom;

/**
 * Seeded operand generators for the property tests: plain random bit patterns find little (two random
 * doubles rarely interact), so most operands share an exponent range, sit at a format boundary or
 * are special values.
 */
final class Operands {
    private Operands() {
    }

    static final int[] SPECIAL_F32 = {
        0x0000_0000, 0x8000_0000, // zeros
        0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x807F_FFFF, 0x0040_0000, // subnormals
        0x0080_0000, 0x8080_0000, 0x0080_0001, 0x7F7F_FFFF, 0xFF7F_FFFF, 0x7F00_0000, // normal extremes
        0x3F80_0000, 0xBF80_0000, 0x3F80_0001, 0x3F7F_FFFF, 0x4000_0000, 0x3F00_0000, 0x4040_0000,
        0x7F80_0000, 0xFF80_0000, // infinities
        0x7FC0_0000, 0xFFC0_0000, 0x7FC0_0001, 0x7F80_0001, 0xFF80_0001, 0x7FBF_FFFF, // NaNs
        0x4B00_0000, 0x4B00_0001, 0x4EFF_FFFF, 0x4F00_0000, 0xCF00_0000, 0x4F80_0000, 0x3EFF_FFFF,
    };

    static final long[] SPECIAL_F64 = {
        0L, 0x8000_0000_0000_0000L,
        1L, 0x8000_0000_0000_0001L, 0x000F_FFFF_FFFF_FFFFL, 0x800F_FFFF_FFFF_FFFFL, 0x0008_0000_0000_0000L,
        0x0010_0000_0000_0000L, 0x8010_0000_0000_0000L, 0x0010_0000_0000_0001L, 0x7FEF_FFFF_FFFF_FFFFL,
        0xFFEF_FFFF_FFFF_FFFFL, 0x7FE0_0000_0000_0000L,
        0x3FF0_0000_0000_0000L, 0xBFF0_0000_0000_0000L, 0x3FF0_0000_0000_0001L, 0x3FEF_FFFF_FFFF_FFFFL,
        0x4000_0000_0000_0000L, 0x3FE0_0000_0000_0000L, 0x4008_0000_0000_0000L,
        0x7FF0_0000_0000_0000L, 0xFFF0_0000_0000_0000L,
        0x7FF8_0000_0000_0000L, 0xFFF8_0000_0000_0000L, 0x7FF8_0000_0000_0001L, 0x7FF0_0000_0000_0001L,
        0xFFF0_0000_0000_0001L, 0x7FF7_FFFF_FFFF_FFFFL,
        0x41DF_FFFF_FFC0_0000L, 0x41E0_0000_0000_0000L, 0xC1E0_0000_0000_0000L, 0x41EF_FFFF_FFFF_FFFFL,
        0x41F0_0000_0000_0000L, 0x4330_0000_0000_0000L, 0x4330_0000_0000_0001L, 0x3810_0000_0000_0000L,
        0x380F_FFFF_FFFF_FFFFL, 0x47EF_FFFF_E000_0000L, 0x47EF_FFFF_F000_0000L, 0x36A0_0000_0000_0000L,
    };

    /** A single: random bits, a special value, or a random number with an exponent in a narrow band. */
    static int f32(SplittableRandom r) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return SPECIAL_F32[r.nextInt(SPECIAL_F32.length)];
        }
        if (kind <= 2) {
            return r.nextInt();
        }
        int sign = r.nextBoolean() ? 0x8000_0000 : 0;
        int exp = kind <= 4 ? 127 + r.nextInt(-8, 9) : kind == 5 ? r.nextInt(0, 30) : kind == 6 ? r.nextInt(225, 255)
                : r.nextInt(0, 255);
        int frac = r.nextInt() & 0x7F_FFFF;
        if (r.nextInt(4) == 0) {
            frac &= -1 << r.nextInt(24); // few significant bits: exact and halfway results
        }
        return sign | exp << 23 | frac;
    }

    /** A double, drawn the same way. */
    static long f64(SplittableRandom r) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return SPECIAL_F64[r.nextInt(SPECIAL_F64.length)];
        }
        if (kind <= 2) {
            return r.nextLong();
        }
        long sign = r.nextBoolean() ? Long.MIN_VALUE : 0;
        long exp = kind <= 4 ? 1023 + r.nextInt(-8, 9) : kind == 5 ? r.nextInt(0, 60)
                : kind == 6 ? r.nextInt(1990, 2047) : r.nextInt(0, 2047);
        long frac = r.nextLong() & 0xF_FFFF_FFFF_FFFFL;
        if (r.nextInt(4) == 0) {
            frac &= -1L << r.nextInt(53);
        }
        return sign | exp << 52 | frac;
    }

    /** An integer operand for the int to float conversions, often near a power of two. */
    static int int32(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt();
            case 1 -> r.nextInt(-1000, 1000);
            case 2 -> (1 << r.nextInt(31)) + r.nextInt(-3, 4);
            default -> r.nextInt() >> r.nextInt(32);
        };
    }
}
