package dev.backstep.machine;

/**
 * Which 32-bit encodings are F and D instructions (compressed ones are expanded to these first), the extension each
 * needs, and which of their register fields are integer registers. {@link FloatUnit} executes them.
 */
final class FloatDecoding {
    private FloatDecoding() {
    }

    static final int LOAD_FP = 0x07, STORE_FP = 0x27, MADD = 0x43, MSUB = 0x47, NMSUB = 0x4B, NMADD = 0x4F, OP_FP = 0x53;
    // funct5 of OP-FP
    static final int ADD = 0x00, SUB = 0x01, MUL = 0x02, DIV = 0x03, SGNJ = 0x04, MINMAX = 0x05, CVT_FF = 0x08,
            SQRT = 0x0B, CMP = 0x14, CVT_W = 0x18, CVT_FROM_W = 0x1A, MV_X_CLASS = 0x1C, MV_FROM_X = 0x1E;

    /** Whether the encoding is an F/D instruction of this ISA (the rounding mode is checked when it runs). */
    static boolean legal(int raw, Isa isa) {
        if (!isa.f()) {
            return false;
        }
        int opcode = raw & 0x7F;
        int f3 = (raw >>> 12) & 7;
        int rs2 = (raw >>> 20) & 31;
        switch (opcode) {
            case LOAD_FP, STORE_FP:
                return f3 == 2 || (f3 == 3 && isa.d());
            case MADD, MSUB, NMSUB, NMADD: {
                int fmt = (raw >>> 25) & 3;
                return fmt == 0 || (fmt == 1 && isa.d());
            }
            case OP_FP: {
                int fmt = (raw >>> 25) & 3;
                if (fmt > 1 || (fmt == 1 && !isa.d())) {
                    return false;
                }
                return switch (raw >>> 27) {
                    case ADD, SUB, MUL, DIV -> true;
                    case SQRT -> rs2 == 0;
                    case SGNJ -> f3 <= 2;
                    case MINMAX -> f3 <= 1;
                    case CVT_FF -> isa.d() && rs2 == 1 - fmt; // fcvt.s.d (fmt 0, rs2 1), fcvt.d.s (fmt 1, rs2 0)
                    case CMP -> f3 <= 2;
                    case CVT_W, CVT_FROM_W -> rs2 <= 1;
                    case MV_X_CLASS -> rs2 == 0 && (f3 == 1 || (f3 == 0 && fmt == 0));
                    case MV_FROM_X -> rs2 == 0 && f3 == 0 && fmt == 0;
                    default -> false;
                };
            }
            default:
                return false;
        }
    }

    /** fcvt.s.w[u], fmv.w.x (and the D forms) read x[rs1]; loads and stores use it as the address base. */
    static boolean readsIntegerRs1(int raw) {
        int f5 = raw >>> 27;
        return (raw & 0x7F) == OP_FP && (f5 == CVT_FROM_W || f5 == MV_FROM_X);
    }

    /** Comparisons, fcvt.w[u].*, fmv.x.w and fclass write x[rd]. */
    static boolean writesIntegerRd(int raw) {
        int f5 = raw >>> 27;
        return (raw & 0x7F) == OP_FP && (f5 == CMP || f5 == CVT_W || f5 == MV_X_CLASS);
    }
}
