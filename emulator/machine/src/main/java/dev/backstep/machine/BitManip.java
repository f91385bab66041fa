package dev.backstep.machine;

/**
 * Semantics of the Zba, Zbb and Zbs instructions, shared by the interpreter and translated code (both call these:
 * one definition, held equal to QEMU by the isa-tests programs). The shift amounts use the low 5 bits, as RV32 does.
 */
final class BitManip {
    private BitManip() {
    }

    static int sh1add(int a, int b) {
        return (a << 1) + b;
    }

    static int sh2add(int a, int b) {
        return (a << 2) + b;
    }

    static int sh3add(int a, int b) {
        return (a << 3) + b;
    }

    static int andn(int a, int b) {
        return a & ~b;
    }

    static int orn(int a, int b) {
        return a | ~b;
    }

    static int xnor(int a, int b) {
        return ~(a ^ b);
    }

    static int clz(int a, int unused) {
        return Integer.numberOfLeadingZeros(a);
    }

    static int ctz(int a, int unused) {
        return Integer.numberOfTrailingZeros(a);
    }

    static int cpop(int a, int unused) {
        return Integer.bitCount(a);
    }

    static int max(int a, int b) {
        return Math.max(a, b);
    }

    static int maxu(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? a : b;
    }

    static int min(int a, int b) {
        return Math.min(a, b);
    }

    static int minu(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }

    static int sextB(int a, int unused) {
        return (byte) a;
    }

    static int sextH(int a, int unused) {
        return (short) a;
    }

    static int zextH(int a, int unused) {
        return a & 0xFFFF;
    }

    static int rol(int a, int b) {
        return Integer.rotateLeft(a, b);
    }

    static int ror(int a, int b) {
        return Integer.rotateRight(a, b);
    }

    /** Each byte becomes 0xFF when it has any bit set, else 0x00. */
    static int orcB(int a, int unused) {
        int r = 0;
        for (int i = 0; i < 32; i += 8) {
            if (((a >>> i) & 0xFF) != 0) {
                r |= 0xFF << i;
            }
        }
        return r;
    }

    static int rev8(int a, int unused) {
        return Integer.reverseBytes(a);
    }

    static int bclr(int a, int b) {
        return a & ~(1 << b);
    }

    static int bext(int a, int b) {
        return (a >>> b) & 1;
    }

    static int binv(int a, int b) {
        return a ^ (1 << b);
    }

    static int bset(int a, int b) {
        return a | (1 << b);
    }

    /** The result of a Zb* op on x[rs1] and the second operand (x[rs2], or the immediate of the -i forms). */
    static int apply(int op, int a, int b) {
        return switch (op) {
            case Op.SH1ADD -> sh1add(a, b);
            case Op.SH2ADD -> sh2add(a, b);
            case Op.SH3ADD -> sh3add(a, b);
            case Op.ANDN -> andn(a, b);
            case Op.ORN -> orn(a, b);
            case Op.XNOR -> xnor(a, b);
            case Op.CLZ -> clz(a, b);
            case Op.CTZ -> ctz(a, b);
            case Op.CPOP -> cpop(a, b);
            case Op.MAX -> max(a, b);
            case Op.MAXU -> maxu(a, b);
            case Op.MIN -> min(a, b);
            case Op.MINU -> minu(a, b);
            case Op.SEXT_B -> sextB(a, b);
            case Op.SEXT_H -> sextH(a, b);
            case Op.ZEXT_H -> zextH(a, b);
            case Op.ROL -> rol(a, b);
            case Op.ROR, Op.RORI -> ror(a, b);
            case Op.ORC_B -> orcB(a, b);
            case Op.REV8 -> rev8(a, b);
            case Op.BCLR, Op.BCLRI -> bclr(a, b);
            case Op.BEXT, Op.BEXTI -> bext(a, b);
            case Op.BINV, Op.BINVI -> binv(a, b);
            case Op.BSET, Op.BSETI -> bset(a, b);
            default -> throw new IllegalArgumentException("not a bit-manipulation op: " + op);
        };
    }

    /** The method in this class that computes op (for the translator's calls). */
    static String method(int op) {
        return switch (op) {
            case Op.SH1ADD -> "sh1add";
            case Op.SH2ADD -> "sh2add";
            case Op.SH3ADD -> "sh3add";
            case Op.ANDN -> "andn";
            case Op.ORN -> "orn";
            case Op.XNOR -> "xnor";
            case Op.CLZ -> "clz";
            case Op.CTZ -> "ctz";
            case Op.CPOP -> "cpop";
            case Op.MAX -> "max";
            case Op.MAXU -> "maxu";
            case Op.MIN -> "min";
            case Op.MINU -> "minu";
            case Op.SEXT_B -> "sextB";
            case Op.SEXT_H -> "sextH";
            case Op.ZEXT_H -> "zextH";
            case Op.ROL -> "rol";
            case Op.ROR, Op.RORI -> "ror";
            case Op.ORC_B -> "orcB";
            case Op.REV8 -> "rev8";
            case Op.BCLR, Op.BCLRI -> "bclr";
            case Op.BEXT, Op.BEXTI -> "bext";
            case Op.BINV, Op.BINVI -> "binv";
            case Op.BSET, Op.BSETI -> "bset";
            default -> throw new IllegalArgumentException("not a bit-manipulation op: " + op);
        };
    }

    /** Whether op's second operand is the immediate (the -i forms and the one-operand ops read no rs2). */
    static boolean immediateOperand(int op) {
        return op == Op.RORI || op == Op.BCLRI || op == Op.BEXTI || op == Op.BINVI || op == Op.BSETI
                || op == Op.CLZ || op == Op.CTZ || op == Op.CPOP || op == Op.SEXT_B || op == Op.SEXT_H
                || op == Op.ZEXT_H || op == Op.ORC_B || op == Op.REV8;
    }

    static boolean isBitManip(int op) {
        return op >= Op.SH1ADD && op <= Op.BSETI;
    }
}
