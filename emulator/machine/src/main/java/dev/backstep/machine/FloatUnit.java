package dev.backstep.machine;

import dev.backstep.machine.fpu.F32;
import dev.backstep.machine.fpu.F64;
import dev.backstep.machine.fpu.FpFlags;
import dev.backstep.machine.fpu.NanBox;
import dev.backstep.machine.fpu.RoundingMode;

/**
 * The float state of the hart (f0..f31 as 64-bit registers holding NaN-boxed singles, {@code frm},
 * {@code fflags}) and the execution of F and D instructions on it, with the arithmetic of
 * {@link dev.backstep.machine.fpu} (QEMU's results, flags and NaNs bit for bit). {@link Cpu} checks
 * {@code mstatus.FS} before and marks it dirty after (QEMU 7.2 marks it when an instruction writes a float
 * register, not when it only raises flags).
 */
final class FloatUnit {
    /** Results of {@link #execute}. */
    static final int DONE = 0, WROTE_FLOAT = 1, ILLEGAL = 2;

    final long[] f = new long[32];
    int frm;
    final FpFlags flags = new FpFlags();

    void reset() {
        java.util.Arrays.fill(f, 0);
        frm = 0;
        flags.bits = 0;
    }

    int fcsr() {
        return frm << 5 | flags.bits;
    }

    /** Memory as the F/D loads and stores see it (the hart's, faults and watchpoints included). */
    interface Memory {
        int load32(int addr);

        void store32(int addr, int value);
    }

    /**
     * Executes the F/D instruction {@code raw} (32-bit form) on integer registers {@code x} (x[0] never written).
     * Memory faults propagate as {@link MemFault}, leaving the float state unchanged.
     */
    int execute(int raw, int[] x, Memory mem) {
        int opcode = raw & 0x7F;
        int rd = (raw >>> 7) & 31;
        int f3 = (raw >>> 12) & 7;
        int rs1 = (raw >>> 15) & 31;
        int rs2 = (raw >>> 20) & 31;
        boolean dbl = ((raw >>> 25) & 3) == 1;
        switch (opcode) {
            case FloatDecoding.LOAD_FP: {
                int a = x[rs1] + (raw >> 20);
                if (f3 == 2) {
                    f[rd] = NanBox.box(mem.load32(a));
                } else {
                    long lo = mem.load32(a) & 0xFFFF_FFFFL;
                    long hi = mem.load32(a + 4);
                    f[rd] = hi << 32 | lo;
                }
                return WROTE_FLOAT;
            }
            case FloatDecoding.STORE_FP: {
                int a = x[rs1] + (((raw >> 25) << 5) | ((raw >>> 7) & 31));
                long v = f[rs2];
                mem.store32(a, (int) v);
                if (f3 == 3) {
                    mem.store32(a + 4, (int) (v >>> 32));
                }
                return DONE;
            }
            case FloatDecoding.MADD, FloatDecoding.MSUB, FloatDecoding.NMSUB, FloatDecoding.NMADD: {
                int rm = RoundingMode.effective(f3, frm);
                if (rm < 0) {
                    return ILLEGAL;
                }
                int rs3 = raw >>> 27;
                if (dbl) {
                    long a = f[rs1], b = f[rs2], c = f[rs3];
                    f[rd] = switch (opcode) {
                        case FloatDecoding.MADD -> F64.fmadd(a, b, c, rm, flags);
                        case FloatDecoding.MSUB -> F64.fmsub(a, b, c, rm, flags);
                        case FloatDecoding.NMSUB -> F64.fnmsub(a, b, c, rm, flags);
                        default -> F64.fnmadd(a, b, c, rm, flags);
                    };
                } else {
                    int a = s(rs1), b = s(rs2), c = s(rs3);
                    f[rd] = NanBox.box(switch (opcode) {
                        case FloatDecoding.MADD -> F32.fmadd(a, b, c, rm, flags);
                        case FloatDecoding.MSUB -> F32.fmsub(a, b, c, rm, flags);
                        case FloatDecoding.NMSUB -> F32.fnmsub(a, b, c, rm, flags);
                        default -> F32.fnmadd(a, b, c, rm, flags);
                    });
                }
                return WROTE_FLOAT;
            }
            default:
                return opFp(raw, x, rd, f3, rs1, rs2, dbl);
        }
    }

    /** The single a register holds (the canonical NaN when it is not properly boxed). */
    private int s(int reg) {
        return NanBox.unbox(f[reg]);
    }

    private static void setX(int[] x, int rd, int v) {
        if (rd != 0) {
            x[rd] = v;
        }
    }

    private int opFp(int raw, int[] x, int rd, int f3, int rs1, int rs2, boolean dbl) {
        int f5 = raw >>> 27;
        switch (f5) {
            case FloatDecoding.ADD, FloatDecoding.SUB, FloatDecoding.MUL, FloatDecoding.DIV, FloatDecoding.SQRT: {
                int rm = RoundingMode.effective(f3, frm);
                if (rm < 0) {
                    return ILLEGAL;
                }
                if (dbl) {
                    long a = f[rs1], b = f[rs2];
                    f[rd] = switch (f5) {
                        case FloatDecoding.ADD -> F64.add(a, b, rm, flags);
                        case FloatDecoding.SUB -> F64.sub(a, b, rm, flags);
                        case FloatDecoding.MUL -> F64.mul(a, b, rm, flags);
                        case FloatDecoding.DIV -> F64.div(a, b, rm, flags);
                        default -> F64.sqrt(a, rm, flags);
                    };
                } else {
                    int a = s(rs1), b = s(rs2);
                    f[rd] = NanBox.box(switch (f5) {
                        case FloatDecoding.ADD -> F32.add(a, b, rm, flags);
                        case FloatDecoding.SUB -> F32.sub(a, b, rm, flags);
                        case FloatDecoding.MUL -> F32.mul(a, b, rm, flags);
                        case FloatDecoding.DIV -> F32.div(a, b, rm, flags);
                        default -> F32.sqrt(a, rm, flags);
                    });
                }
                return WROTE_FLOAT;
            }
            case FloatDecoding.SGNJ: {
                if (dbl) {
                    long a = f[rs1], b = f[rs2];
                    f[rd] = f3 == 0 ? F64.sgnj(a, b) : f3 == 1 ? F64.sgnjn(a, b) : F64.sgnjx(a, b);
                } else {
                    int a = s(rs1), b = s(rs2);
                    f[rd] = NanBox.box(f3 == 0 ? F32.sgnj(a, b) : f3 == 1 ? F32.sgnjn(a, b) : F32.sgnjx(a, b));
                }
                return WROTE_FLOAT;
            }
            case FloatDecoding.MINMAX: {
                if (dbl) {
                    f[rd] = f3 == 0 ? F64.min(f[rs1], f[rs2], flags) : F64.max(f[rs1], f[rs2], flags);
                } else {
                    f[rd] = NanBox.box(f3 == 0 ? F32.min(s(rs1), s(rs2), flags) : F32.max(s(rs1), s(rs2), flags));
                }
                return WROTE_FLOAT;
            }
            case FloatDecoding.CVT_FF: {
                int rm = RoundingMode.effective(f3, frm);
                if (rm < 0) {
                    return ILLEGAL;
                }
                f[rd] = dbl ? F32.toF64(s(rs1), flags) : NanBox.box(F64.toF32(f[rs1], rm, flags));
                return WROTE_FLOAT;
            }
            case FloatDecoding.CMP: {
                int r;
                if (dbl) {
                    r = f3 == 2 ? F64.eq(f[rs1], f[rs2], flags) : f3 == 1 ? F64.lt(f[rs1], f[rs2], flags)
                            : F64.le(f[rs1], f[rs2], flags);
                } else {
                    r = f3 == 2 ? F32.eq(s(rs1), s(rs2), flags) : f3 == 1 ? F32.lt(s(rs1), s(rs2), flags)
                            : F32.le(s(rs1), s(rs2), flags);
                }
                setX(x, rd, r);
                return DONE;
            }
            case FloatDecoding.CVT_W: {
                int rm = RoundingMode.effective(f3, frm);
                if (rm < 0) {
                    return ILLEGAL;
                }
                boolean unsigned = rs2 == 1;
                int r;
                if (dbl) {
                    r = unsigned ? F64.toUint32(f[rs1], rm, flags) : F64.toInt32(f[rs1], rm, flags);
                } else {
                    r = unsigned ? F32.toUint32(s(rs1), rm, flags) : F32.toInt32(s(rs1), rm, flags);
                }
                setX(x, rd, r);
                return DONE;
            }
            case FloatDecoding.CVT_FROM_W: {
                int rm = RoundingMode.effective(f3, frm);
                if (rm < 0) {
                    return ILLEGAL;
                }
                boolean unsigned = rs2 == 1;
                int v = x[rs1];
                if (dbl) {
                    f[rd] = unsigned ? F64.fromUint32(v) : F64.fromInt32(v);
                } else {
                    f[rd] = NanBox.box(unsigned ? F32.fromUint32(v, rm, flags) : F32.fromInt32(v, rm, flags));
                }
                return WROTE_FLOAT;
            }
            case FloatDecoding.MV_X_CLASS: {
                if (f3 == 0) {
                    setX(x, rd, (int) f[rs1]); // fmv.x.w: the low half as it is, boxed or not
                } else {
                    setX(x, rd, dbl ? F64.classify(f[rs1]) : F32.classify(s(rs1)));
                }
                return DONE;
            }
            default: { // fmv.w.x
                f[rd] = NanBox.box(x[rs1]);
                return WROTE_FLOAT;
            }
        }
    }

    void save(StateWriter w) {
        for (long v : f) {
            w.put(v);
        }
        w.put(frm);
        w.put(flags.bits);
    }

    void load(StateReader r) {
        for (int i = 0; i < f.length; i++) {
            f[i] = r.get();
        }
        frm = r.getInt();
        flags.bits = r.getInt();
    }
}
