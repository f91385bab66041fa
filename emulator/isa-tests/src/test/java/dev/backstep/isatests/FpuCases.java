package dev.backstep.isatests;

import static dev.backstep.isatests.FpuOp.FDIV_D;
import static dev.backstep.isatests.FpuOp.FDIV_S;
import static dev.backstep.isatests.FpuOp.FMSUB_D;
import static dev.backstep.isatests.FpuOp.FMSUB_S;
import static dev.backstep.isatests.FpuOp.FNMADD_D;
import static dev.backstep.isatests.FpuOp.FNMADD_S;
import static dev.backstep.isatests.FpuOp.FNMSUB_D;
import static dev.backstep.isatests.FpuOp.FNMSUB_S;
import static dev.backstep.isatests.FpuOp.FSUB_D;
import static dev.backstep.isatests.FpuOp.FSUB_S;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;


import dev.backstep.machine.fpu.NanBox;

/**
 * Generates the operand table for the FPU oracle: for every instruction and every rounding mode
 * (once for those that do not round), hand-picked values (all pairs of them for two-operand
 * instructions), constructed hard cases (exact halfway results, sums landing on the
 * subnormal/normal and overflow boundaries, exact cancellations, conversion edges) and seeded
 * random operands biased towards interesting exponents. Deterministic for a given seed.
 */
final class FpuCases {
    /** Table layout shared with fpu_oracle.c. */
    static final int MAGIC = 0x5455_5046;
    static final long TABLE_ADDRESS = 0x8100_0000L;
    static final int ENTRY_BYTES = 32;
    static final int HEADER_BYTES = 16;

    static final int[] MODES = {0, 1, 2, 3, 4};

    private static final int[] SPECIAL_S = {
        0x0000_0000, 0x8000_0000, 0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x807F_FFFF, 0x0080_0000, 0x8080_0000,
        0x0080_0001, 0x3F80_0000, 0xBF80_0000, 0x3F80_0001, 0x3F7F_FFFF, 0x3F00_0000, 0x4040_0000, 0x7F7F_FFFF,
        0xFF7F_FFFF, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0001, 0x7F80_0001, 0xFFBF_FFFF, 0x4F00_0000,
        0xCF00_0000, 0x4F80_0000, 0x3FC0_0000, 0xC020_0000,
    };

    /** Register images that are not properly boxed singles: they read as the canonical NaN. */
    private static final long[] UNBOXED = {0x0000_0000_3F80_0000L, 0x7FFF_FFFF_0000_0000L, 0xFFFF_FFFE_7F80_0000L};

    private static final long[] SPECIAL_D = {
        0L, 0x8000_0000_0000_0000L, 1L, 0x8000_0000_0000_0001L, 0x000F_FFFF_FFFF_FFFFL, 0x800F_FFFF_FFFF_FFFFL,
        0x0010_0000_0000_0000L, 0x8010_0000_0000_0000L, 0x0010_0000_0000_0001L, 0x3FF0_0000_0000_0000L,
        0xBFF0_0000_0000_0000L, 0x3FF0_0000_0000_0001L, 0x3FEF_FFFF_FFFF_FFFFL, 0x3FE0_0000_0000_0000L,
        0x4008_0000_0000_0000L, 0x7FEF_FFFF_FFFF_FFFFL, 0xFFEF_FFFF_FFFF_FFFFL, 0x7FF0_0000_0000_0000L,
        0xFFF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L, 0xFFF8_0000_0000_0001L, 0x7FF0_0000_0000_0001L,
        0xFFF7_FFFF_FFFF_FFFFL, 0x41E0_0000_0000_0000L, 0xC1E0_0000_0000_0000L, 0x41F0_0000_0000_0000L,
        0x47EF_FFFF_F000_0000L, 0x3690_0000_0000_0000L, 0x3810_0000_0000_0000L, 0xC004_0000_0000_0000L,
    };

    private static final int[] SPECIAL_I = {
        0, 1, -1, 2, 3, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1, 0x00FF_FFFF, 0x0100_0000,
        0x0100_0001, 0x0100_0002, 0x0100_0003, 0x0200_0006, 0x7FFF_FFC0, 0x7FFF_FF80, 0xFFFF_FFFF, 0x8000_0080,
        0xFFFF_FF7F, 0x0300_0001,
    };

    private final SplittableRandom random;
    private final int randomPerMode;
    private final List<FpuCase> cases = new ArrayList<>();

    private FpuCases(long seed, int randomPerMode) {
        this.random = new SplittableRandom(seed);
        this.randomPerMode = randomPerMode;
    }

    /** Every case, in a fixed order: op by op, mode by mode. */
    static List<FpuCase> generate(long seed, int randomPerMode) {
        FpuCases g = new FpuCases(seed, randomPerMode);
        for (FpuOp op : FpuOp.values()) {
            if (op.rounds) {
                for (int rm : MODES) {
                    g.addFor(op, rm);
                }
            } else {
                g.addFor(op, -1);
            }
        }
        return g.cases;
    }

    /** Writes the table fpu_oracle.c reads: a header and 32 bytes per case, little-endian. */
    static void writeTable(List<FpuCase> cases, OutputStream out) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putInt(cases.size()).putLong(0);
        out.write(header.array());
        ByteBuffer e = ByteBuffer.allocate(ENTRY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (FpuCase c : cases) {
            e.clear();
            e.put((byte) c.op().code).put((byte) c.rm()).putShort((short) 0).putInt(0);
            e.putLong(c.a()).putLong(c.b()).putLong(c.c());
            out.write(e.array());
        }
    }

    // ---- per instruction ----

    /** rm -1: the instruction does not round; its cases cycle through the modes anyway. */
    private void addFor(FpuOp op, int rm) {
        List<long[]> ops = new ArrayList<>();
        long[] specials = specials(op.kind);
        switch (op.arity) {
            case 1 -> {
                for (long s : specials) {
                    ops.add(new long[] {s, 0, 0});
                }
            }
            case 2 -> {
                for (long x : specials) {
                    for (long y : specials) {
                        ops.add(new long[] {x, y, 0});
                    }
                }
            }
            default -> {
                int k = 0;
                for (long x : specials) {
                    for (long y : specials) {
                        ops.add(new long[] {x, y, specials[k++ % specials.length]});
                    }
                }
            }
        }
        constructed(op, ops);
        for (int i = 0; i < randomPerMode; i++) {
            ops.add(new long[] {operand(op.kind), operand(op.kind), operand(op.kind)});
        }
        int n = 0;
        for (long[] o : ops) {
            int mode = rm >= 0 ? rm : n++ % MODES.length;
            cases.add(new FpuCase(op, mode, o[0], op.arity > 1 ? o[1] : 0, op.arity > 2 ? o[2] : 0));
        }
    }

    private static long[] specials(FpuOp.Kind kind) {
        return switch (kind) {
            case SINGLE -> {
                long[] s = new long[SPECIAL_S.length + UNBOXED.length];
                for (int i = 0; i < SPECIAL_S.length; i++) {
                    s[i] = NanBox.box(SPECIAL_S[i]);
                }
                System.arraycopy(UNBOXED, 0, s, SPECIAL_S.length, UNBOXED.length);
                yield s;
            }
            case DOUBLE -> SPECIAL_D.clone();
            case INT -> {
                long[] s = new long[SPECIAL_I.length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = SPECIAL_I[i] & 0xFFFF_FFFFL;
                }
                yield s;
            }
        };
    }

    /** Hard cases the random operands would almost never hit. */
    private void constructed(FpuOp op, List<long[]> ops) {
        boolean single = op.kind == FpuOp.Kind.SINGLE;
        int count = Math.max(40, randomPerMode / 4);
        switch (op) {
            case FADD_S, FSUB_S, FADD_D, FSUB_D -> {
                for (int i = 0; i < count; i++) {
                    long a = number(single);
                    ops.add(new long[] {a, halfUlpMultiple(a, single, op == FSUB_S || op == FSUB_D), 0});
                    ops.add(new long[] {a, op == FSUB_S || op == FSUB_D ? a : negate(a, single), 0});
                    ops.add(new long[] {boundary(single), tinyNear(boundary(single), single), 0});
                }
            }
            case FMUL_S, FMUL_D, FDIV_S, FDIV_D -> {
                for (int i = 0; i < count; i++) {
                    long[] h = halfwayProduct(single);
                    if (op == FDIV_S || op == FDIV_D) {
                        // (a*b)/b: quotients whose exact value is the halfway product's neighbour
                        ops.add(new long[] {h[2], h[1], 0});
                    } else {
                        ops.add(new long[] {h[0], h[1], 0});
                    }
                    ops.add(new long[] {unitSignificand(single), nearMinNormalScale(single), 0});
                }
            }
            case FMADD_S, FMSUB_S, FNMSUB_S, FNMADD_S, FMADD_D, FMSUB_D, FNMSUB_D, FNMADD_D -> {
                boolean subtractsC = op == FMSUB_S || op == FMSUB_D || op == FNMADD_S || op == FNMADD_D;
                boolean negatesProduct = op == FNMSUB_S || op == FNMSUB_D || op == FNMADD_S || op == FNMADD_D;
                for (int i = 0; i < count; i++) {
                    long c = boundary(single);
                    ops.add(new long[] {unitSignificand(single), tinyFactorFor(c, single), c});
                    long[] h = halfwayProduct(single);
                    ops.add(new long[] {h[0], h[1], zero(single, random.nextBoolean())});
                    // c = the exact product, so that the sum cancels exactly (sign of zero by mode)
                    long[] e = exactProduct(single);
                    boolean cancel = subtractsC != negatesProduct;
                    ops.add(new long[] {e[0], e[1], cancel ? e[2] : negate(e[2], single)});
                }
            }
            case FSQRT_S, FSQRT_D -> {
                for (int i = 0; i < count; i++) {
                    long k = 1 + random.nextLong(single ? 1 << 12 : 1L << 26);
                    int scale = 2 * random.nextInt(-70, 70);
                    ops.add(new long[] {fromValue(Math.scalb((double) (k * k), scale), single), 0, 0});
                    ops.add(new long[] {number(single), 0, 0});
                }
            }
            case FCVT_W_S, FCVT_WU_S, FCVT_W_D, FCVT_WU_D -> {
                double[] bases = {0, 1, -1, 2, -2, 0x1p31, -0x1p31, 0x1p31 - 1, 0x1p32 - 1, 0x1p32, -0x1p31 - 1};
                double[] fractions = {0, 0.25, 0.5, 0.75, -0.25, -0.5, -0.75, 0x1p-30, -0x1p-30};
                for (double base : bases) {
                    for (double f : fractions) {
                        ops.add(new long[] {fromValue(base + f, single), 0, 0});
                    }
                }
                for (int i = 0; i < count; i++) {
                    double v = (random.nextInt() >> random.nextInt(32)) + random.nextInt(-4, 5) * 0.25;
                    ops.add(new long[] {fromValue(v, single), 0, 0});
                }
            }
            case FCVT_S_W, FCVT_S_WU -> {
                for (int i = 0; i < count; i++) {
                    int shift = random.nextInt(1, 8);
                    int x = ((1 << 24) | (random.nextInt() & 0xFF_FFFF)) << shift;
                    x |= (1 << (shift - 1)) * random.nextInt(2); // halfway or just above
                    ops.add(new long[] {x & 0xFFFF_FFFFL, 0, 0});
                    ops.add(new long[] {-x & 0xFFFF_FFFFL, 0, 0});
                }
            }
            case FCVT_S_D -> {
                // around the largest single (and the tie above it), the smallest normal, half the smallest subnormal
                long[] edges = {0x47EF_FFFF_F000_0000L, 0x47EF_FFFF_F000_0001L, 0x47EF_FFFF_EFFF_FFFFL,
                    0x47EF_FFFF_E000_0000L, 0x47F0_0000_0000_0000L, 0x3810_0000_0000_0000L, 0x380F_FFFF_F000_0000L,
                    0x380F_FFFF_E000_0000L, 0x380F_FFFF_FFFF_FFFFL, 0x36A0_0000_0000_0000L, 0x3690_0000_0000_0000L,
                    0x3690_0000_0000_0001L, 0x368F_FFFF_FFFF_FFFFL, 0x36B8_0000_0000_0000L, 0x3800_0000_0000_0000L};
                for (long e : edges) {
                    ops.add(new long[] {e, 0, 0});
                    ops.add(new long[] {e | Long.MIN_VALUE, 0, 0});
                }
                for (int i = 0; i < count; i++) {
                    // halfway between two singles (or just beside), anywhere in the single range
                    long exp = random.nextInt(1023 - 160, 1023 + 130);
                    long frac = (random.nextLong() & 0xF_FFFF_E000_0000L) | 0x1000_0000L;
                    frac += random.nextInt(-1, 2);
                    ops.add(new long[] {(random.nextBoolean() ? Long.MIN_VALUE : 0) | exp << 52
                            | (frac & 0xF_FFFF_FFFF_FFFFL), 0, 0});
                }
            }
            default -> {
                // comparisons, min/max, sign injection: equal magnitudes, opposite signs, NaN mixes
                for (int i = 0; i < count; i++) {
                    long a = op.kind == FpuOp.Kind.INT ? random.nextInt() & 0xFFFF_FFFFL : operand(op.kind);
                    ops.add(new long[] {a, a, 0});
                    ops.add(new long[] {a, op.kind == FpuOp.Kind.INT ? a : negate(a, single), 0});
                }
            }
        }
    }

    // ---- operand builders ----

    private long operand(FpuOp.Kind kind) {
        return switch (kind) {
            case SINGLE -> random.nextInt(40) == 0 ? random.nextLong() : NanBox.box((int) number(true));
            case DOUBLE -> number(false);
            case INT -> integer() & 0xFFFF_FFFFL;
        };
    }

    /** A random number, as raw bits (single: in the low 32 bits), biased to shared and boundary exponents. */
    private long number(boolean single) {
        int expMax = single ? 255 : 2047;
        int bias = expMax >> 1;
        int fracBits = single ? 23 : 52;
        int kind = random.nextInt(12);
        long sign = random.nextBoolean() ? 1 : 0;
        if (kind == 0) {
            return single ? SPECIAL_S[random.nextInt(SPECIAL_S.length)] & 0xFFFF_FFFFL
                    : SPECIAL_D[random.nextInt(SPECIAL_D.length)];
        }
        if (kind <= 2) {
            return single ? random.nextInt() & 0xFFFF_FFFFL : random.nextLong();
        }
        long exp = switch (kind) {
            case 3, 4, 5 -> bias + random.nextInt(-6, 7);
            case 6 -> random.nextInt(0, 4);
            case 7 -> expMax - 1 - random.nextInt(0, 3);
            case 8 -> bias + random.nextInt(-bias / 2, bias / 2);
            default -> random.nextInt(0, expMax);
        };
        long frac = random.nextLong() & ((1L << fracBits) - 1);
        if (random.nextInt(3) == 0) {
            frac &= -1L << random.nextInt(fracBits + 1); // few significant bits
        }
        if (kind == 9 && random.nextBoolean()) {
            frac = random.nextBoolean() ? (1L << fracBits) - 1 - random.nextInt(3) : random.nextInt(3);
        }
        return sign << (single ? 31 : 63) | exp << fracBits | frac;
    }

    private int integer() {
        return switch (random.nextInt(5)) {
            case 0 -> SPECIAL_I[random.nextInt(SPECIAL_I.length)];
            case 1 -> random.nextInt(-1000, 1000);
            case 2 -> (1 << random.nextInt(31)) + random.nextInt(-3, 4);
            default -> random.nextInt() >> random.nextInt(32);
        };
    }

    private long box(long bits, boolean single) {
        return single ? NanBox.box((int) bits) : bits;
    }

    private long fromValue(double v, boolean single) {
        return single ? NanBox.box(Float.floatToRawIntBits((float) v)) : Double.doubleToRawLongBits(v);
    }

    private static double value(long reg, boolean single) {
        return single ? Float.intBitsToFloat((int) reg) : Double.longBitsToDouble(reg);
    }

    private static long negate(long reg, boolean single) {
        return reg ^ (single ? 0x8000_0000L : Long.MIN_VALUE);
    }

    private long zero(boolean single, boolean negative) {
        return box(negative ? (single ? 0x8000_0000L : Long.MIN_VALUE) : 0, single);
    }

    /** An odd multiple (1, 3 or 5) of half an ulp of {@code aBits}, with a random sign: sums land on ties. */
    private long halfUlpMultiple(long aBits, boolean single, boolean sub) {
        double a = value(aBits, single);
        if (!Double.isFinite(a) || a == 0) {
            return box(aBits, single);
        }
        double ulp = single ? Math.ulp((float) a) : Math.ulp(a);
        double b = ulp * 0.5 * (1 + 2 * random.nextInt(3)) * (random.nextBoolean() ? 1 : -1);
        return fromValue(b, single);
    }

    /** A value on a boundary: the smallest normal, the largest subnormal, the largest finite, a power of two. */
    private long boundary(boolean single) {
        double[] s = {0x1p-126, 0x1p-126 + 0x1p-149, 0x1p-126 - 0x1p-149, Float.MAX_VALUE, 0x1p127, 0x1p-125,
            0x1p-149 * 3};
        double[] d = {0x1p-1022, 0x1p-1022 + 0x1p-1074, 0x1p-1022 - 0x1p-1074, Double.MAX_VALUE, 0x1p1023, 0x1p-1021,
            0x1p-1074 * 3};
        double v = (single ? s : d)[random.nextInt(s.length)];
        if (random.nextInt(4) == 0) {
            v = Math.scalb(1.0, random.nextInt(single ? -126 : -1022, single ? 127 : 1023));
        }
        return fromValue(random.nextBoolean() ? -v : v, single);
    }

    /** A number within a few ulps of {@code near}'s magnitude scale, so that their sum rounds near the boundary. */
    private long tinyNear(long nearReg, boolean single) {
        double near = value(nearReg, single);
        double ulp = single ? Math.ulp((float) near) : Math.ulp(near);
        double v = ulp * random.nextInt(1, 8) * (random.nextBoolean() ? 1 : -1);
        return fromValue(v, single);
    }

    /** A number in [1, 2) with a random significand. */
    private long unitSignificand(boolean single) {
        int fracBits = single ? 23 : 52;
        int bias = single ? 127 : 1023;
        long bits = (long) bias << fracBits | (random.nextLong() & ((1L << fracBits) - 1));
        return box(bits, single);
    }

    /** A power of two that makes unitSignificand() * it land around half an ulp of {@code c}. */
    private long tinyFactorFor(long cReg, boolean single) {
        double c = value(cReg, single);
        int p = single ? 24 : 53;
        int e = Math.getExponent(c);
        int minExp = single ? -126 : -1022;
        int ulpExp = Math.max(e, minExp) - p + 1;
        int t = ulpExp - 1 - random.nextInt(-1, 6);
        double f = Math.scalb(1.0, Math.max(t, single ? -149 : -1074));
        return fromValue(random.nextBoolean() ? -f : f, single);
    }

    /** A scale so that unitSignificand() * it lands around the smallest normal number. */
    private long nearMinNormalScale(boolean single) {
        int minExp = single ? -126 : -1022;
        double f = Math.scalb(1.0, minExp + random.nextInt(-3, 2));
        if (random.nextBoolean()) {
            f *= single ? 1 - 0x1p-24 : 1 - 0x1p-53;
        }
        return fromValue(random.nextBoolean() ? -f : f, single);
    }

    /**
     * Two operands whose exact product has one bit more than the precision, its last bit set: a
     * tie in every rounding. Returns {a, b, a*b rounded to nearest} (the last one for division).
     */
    private long[] halfwayProduct(boolean single) {
        int p = single ? 24 : 53;
        BigInteger x;
        BigInteger y;
        do {
            int k = random.nextInt(2, p);
            x = oddWithBits(k);
            y = oddWithBits(p + 1 - k + random.nextInt(2));
        } while (x.multiply(y).bitLength() != p + 1);
        int minExp = single ? -126 : -1022;
        int maxExp = single ? 127 : 1023;
        // the product's exponent anywhere, often close to the subnormal range
        int productExp = random.nextBoolean() ? random.nextInt(minExp - p, minExp + 3)
                : random.nextInt(minExp, maxExp + 1);
        int ex = random.nextInt(minExp / 2, maxExp / 2);
        double a = Math.scalb(x.doubleValue(), ex - x.bitLength() + 1);
        int ey = productExp - ex;
        double b = Math.scalb(y.doubleValue(), ey - y.bitLength() + 1);
        if (random.nextBoolean()) {
            a = -a;
        }
        return new long[] {fromValue(a, single), fromValue(b, single), fromValue(a * b, single)};
    }

    /** Two short operands and their product, all exact. */
    private long[] exactProduct(boolean single) {
        double a = oddWithBits(random.nextInt(1, 10)).doubleValue() * (random.nextBoolean() ? 1 : -1);
        double b = oddWithBits(random.nextInt(1, 10)).doubleValue();
        int s = random.nextInt(-20, 20);
        a = Math.scalb(a, s);
        b = Math.scalb(b, -s / 2);
        return new long[] {fromValue(a, single), fromValue(b, single), fromValue(a * b, single)};
    }

    private BigInteger oddWithBits(int bits) {
        if (bits <= 1) {
            return BigInteger.ONE;
        }
        return new BigInteger(bits - 2, new java.util.Random(random.nextLong())).shiftLeft(1)
                .setBit(bits - 1).setBit(0);
    }
}
