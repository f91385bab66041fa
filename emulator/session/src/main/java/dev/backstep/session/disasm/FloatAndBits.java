package dev.backstep.session.disasm;

import dev.backstep.machine.RegisterNames;

/**
 * The F, D, Zba, Zbb and Zbs instructions in objdump's no-aliases syntax ("fadd.s ft1,ft2,ft3",
 * "fcvt.w.s s1,ft5,rne", "fld fa0,0(s4)", "sh1add a3,a3,a1", "bseti t0,t1,0x1e"); null for other encodings.
 * The rounding mode is written when it is not the dynamic one, as objdump does.
 */
final class FloatAndBits {
    private FloatAndBits() {
    }

    private static final String[] RM = {"rne", "rtz", "rdn", "rup", "rmm", null, null, ""};

    static String f(int r) {
        return RegisterNames.fpAbi(r & 31);
    }

    /** A 32-bit F/D instruction, or null. */
    static String floating(int w) {
        int op = w & 0x7f;
        int rd = (w >>> 7) & 31;
        int f3 = (w >>> 12) & 7;
        int rs1 = (w >>> 15) & 31;
        int rs2 = (w >>> 20) & 31;
        int fmt = (w >>> 25) & 3;
        if (fmt > 1 && op != 0x07 && op != 0x27) {
            return null;
        }
        String sfx = fmt == 0 ? ".s" : ".d";
        String rm = RM[f3];
        switch (op) {
            case 0x07:
                return f3 == 2 || f3 == 3 ? (f3 == 2 ? "flw " : "fld ") + f(rd) + "," + (w >> 20) + "(" + Disassembler.x(rs1)
                        + ")" : null;
            case 0x27: {
                int imm = ((w >> 25) << 5) | ((w >>> 7) & 31);
                return f3 == 2 || f3 == 3 ? (f3 == 2 ? "fsw " : "fsd ") + f(rs2) + "," + imm + "(" + Disassembler.x(rs1)
                        + ")" : null;
            }
            case 0x43: case 0x47: case 0x4b: case 0x4f: {
                if (rm == null) {
                    return null;
                }
                String name = op == 0x43 ? "fmadd" : op == 0x47 ? "fmsub" : op == 0x4b ? "fnmsub" : "fnmadd";
                return name + sfx + " " + f(rd) + "," + f(rs1) + "," + f(rs2) + "," + f(w >>> 27) + withRm(rm);
            }
            case 0x53:
                return opFp(w >>> 27, sfx, fmt, rd, f3, rs1, rs2, rm);
            default:
                return null;
        }
    }

    private static String withRm(String rm) {
        return rm.isEmpty() ? "" : "," + rm;
    }

    private static String opFp(int f5, String sfx, int fmt, int rd, int f3, int rs1, int rs2, String rm) {
        switch (f5) {
            case 0x00: case 0x01: case 0x02: case 0x03: {
                if (rm == null) {
                    return null;
                }
                String name = new String[] {"fadd", "fsub", "fmul", "fdiv"}[f5];
                return name + sfx + " " + f(rd) + "," + f(rs1) + "," + f(rs2) + withRm(rm);
            }
            case 0x0b:
                return rm == null || rs2 != 0 ? null : "fsqrt" + sfx + " " + f(rd) + "," + f(rs1) + withRm(rm);
            case 0x04:
                return f3 > 2 ? null : new String[] {"fsgnj", "fsgnjn", "fsgnjx"}[f3] + sfx + " " + f(rd) + "," + f(rs1)
                        + "," + f(rs2);
            case 0x05:
                return f3 > 1 ? null : (f3 == 0 ? "fmin" : "fmax") + sfx + " " + f(rd) + "," + f(rs1) + "," + f(rs2);
            case 0x08:
                if (fmt == 0 && rs2 == 1 && rm != null) {
                    return "fcvt.s.d " + f(rd) + "," + f(rs1) + withRm(rm);
                }
                return fmt == 1 && rs2 == 0 && rm != null ? "fcvt.d.s " + f(rd) + "," + f(rs1) : null;
            case 0x14:
                return f3 > 2 ? null : new String[] {"fle", "flt", "feq"}[f3] + sfx + " " + Disassembler.x(rd) + ","
                        + f(rs1) + "," + f(rs2);
            case 0x18:
                return rs2 > 1 || rm == null ? null : "fcvt." + (rs2 == 0 ? "w" : "wu") + sfx + " " + Disassembler.x(rd)
                        + "," + f(rs1) + withRm(rm);
            case 0x1a:
                if (rs2 > 1 || rm == null) {
                    return null;
                }
                // int to double is exact: objdump writes no rounding mode for it
                return "fcvt" + sfx + "." + (rs2 == 0 ? "w" : "wu") + " " + f(rd) + "," + Disassembler.x(rs1)
                        + (fmt == 1 ? "" : withRm(rm));
            case 0x1c:
                if (rs2 != 0) {
                    return null;
                }
                if (f3 == 1) {
                    return "fclass" + sfx + " " + Disassembler.x(rd) + "," + f(rs1);
                }
                return f3 == 0 && fmt == 0 ? "fmv.x.w " + Disassembler.x(rd) + "," + f(rs1) : null;
            case 0x1e:
                return f3 == 0 && fmt == 0 && rs2 == 0 ? "fmv.w.x " + f(rd) + "," + Disassembler.x(rs1) : null;
            default:
                return null;
        }
    }

    /** A Zba/Zbb/Zbs instruction of opcode OP (0x33), or null. */
    static String bitsRegister(int f7, int f3, int rd, int rs1, int rs2) {
        String name = switch (f7 << 3 | f3) {
            case 0x10 << 3 | 2 -> "sh1add";
            case 0x10 << 3 | 4 -> "sh2add";
            case 0x10 << 3 | 6 -> "sh3add";
            case 0x20 << 3 | 7 -> "andn";
            case 0x20 << 3 | 6 -> "orn";
            case 0x20 << 3 | 4 -> "xnor";
            case 0x05 << 3 | 6 -> "max";
            case 0x05 << 3 | 7 -> "maxu";
            case 0x05 << 3 | 4 -> "min";
            case 0x05 << 3 | 5 -> "minu";
            case 0x30 << 3 | 1 -> "rol";
            case 0x30 << 3 | 5 -> "ror";
            case 0x24 << 3 | 1 -> "bclr";
            case 0x24 << 3 | 5 -> "bext";
            case 0x34 << 3 | 1 -> "binv";
            case 0x14 << 3 | 1 -> "bset";
            default -> null;
        };
        if (name != null) {
            return name + " " + Disassembler.x(rd) + "," + Disassembler.x(rs1) + "," + Disassembler.x(rs2);
        }
        if (f7 == 0x04 && f3 == 4 && rs2 == 0) {
            return "zext.h " + Disassembler.x(rd) + "," + Disassembler.x(rs1);
        }
        return null;
    }

    /** A Zbb/Zbs instruction of opcode OP-IMM with funct3 1 or 5 and a funct7 other than 0 and 0x20, or null. */
    static String bitsImmediate(int f7, int f3, int rd, int rs1, int shamt) {
        String one = null;
        String withShift = null;
        if (f3 == 1) {
            switch (f7) {
                case 0x30 -> one = switch (shamt) {
                    case 0 -> "clz";
                    case 1 -> "ctz";
                    case 2 -> "cpop";
                    case 4 -> "sext.b";
                    case 5 -> "sext.h";
                    default -> null;
                };
                case 0x24 -> withShift = "bclri";
                case 0x34 -> withShift = "binvi";
                case 0x14 -> withShift = "bseti";
                default -> { }
            }
        } else {
            switch (f7) {
                case 0x30 -> withShift = "rori";
                case 0x24 -> withShift = "bexti";
                case 0x14 -> one = shamt == 7 ? "orc.b" : null;
                case 0x34 -> one = shamt == 0x18 ? "rev8" : null;
                default -> { }
            }
        }
        if (one != null) {
            return one + " " + Disassembler.x(rd) + "," + Disassembler.x(rs1);
        }
        return withShift == null ? null
                : withShift + " " + Disassembler.x(rd) + "," + Disassembler.x(rs1) + ",0x" + Integer.toHexString(shamt);
    }
}
