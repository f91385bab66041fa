package dev.backstep.session.disasm;

import dev.backstep.machine.RegisterNames;
import java.util.function.LongFunction;

/**
 * RV32IMAFDC (+ Zba, Zbb, Zbs, Zicsr, Zifencei) disassembler in GNU objdump's no-aliases syntax: "addi a0,a0,1", "lw a5,8(sp)",
 * "jal ra,80000120 &lt;main&gt;"; compressed instructions keep their "c." mnemonics ("c.li a0,0").
 */
public final class Disassembler {
    /** One decoded instruction: its length in bytes (2 or 4) and its text. */
    public record Decoded(int length, String text) {
    }

    private final LongFunction<String> symbols;

    /** @param symbols name for a target address ("main", "main+0x10"), or null; may itself be null */
    public Disassembler(LongFunction<String> symbols) {
        this.symbols = symbols;
    }

    /** Decodes the instruction whose low bits are in {@code word} (16 or 32 bits are used) at {@code pc}. */
    public Decoded decode(int word, long pc) {
        if ((word & 3) != 3) {
            return new Decoded(2, Compressed.decode(word & 0xffff, pc, this));
        }
        return new Decoded(4, full(word, pc));
    }

    static String x(int r) {
        return RegisterNames.abi(r & 31);
    }

    String target(long pc, long offset) {
        long t = (pc + offset) & 0xffffffffL;
        String s = symbols == null ? null : symbols.apply(t);
        return Long.toHexString(t) + (s != null ? " <" + s + ">" : "");
    }

    private String full(int w, long pc) {
        int op = w & 0x7f;
        int rd = (w >>> 7) & 31;
        int f3 = (w >>> 12) & 7;
        int rs1 = (w >>> 15) & 31;
        int rs2 = (w >>> 20) & 31;
        int f7 = w >>> 25;
        int immI = w >> 20;
        int immS = ((w >> 25) << 5) | ((w >>> 7) & 31);
        int immB = ((w >> 31) << 12) | (((w >>> 7) & 1) << 11) | (((w >>> 25) & 0x3f) << 5) | (((w >>> 8) & 0xf) << 1);
        int immJ = ((w >> 31) << 20) | (((w >>> 12) & 0xff) << 12) | (((w >>> 20) & 1) << 11)
                | (((w >>> 21) & 0x3ff) << 1);
        switch (op) {
            case 0x37: return "lui " + x(rd) + ",0x" + Integer.toHexString(w >>> 12);
            case 0x17: return "auipc " + x(rd) + ",0x" + Integer.toHexString(w >>> 12);
            case 0x6f: return "jal " + x(rd) + "," + target(pc, immJ);
            case 0x67: return f3 == 0 ? "jalr " + x(rd) + "," + immI + "(" + x(rs1) + ")" : unknown(w);
            case 0x63: {
                String[] n = {"beq", "bne", null, null, "blt", "bge", "bltu", "bgeu"};
                return n[f3] == null ? unknown(w) : n[f3] + " " + x(rs1) + "," + x(rs2) + "," + target(pc, immB);
            }
            case 0x03: {
                String[] n = {"lb", "lh", "lw", null, "lbu", "lhu", null, null};
                return n[f3] == null ? unknown(w) : n[f3] + " " + x(rd) + "," + immI + "(" + x(rs1) + ")";
            }
            case 0x23: {
                String[] n = {"sb", "sh", "sw", null, null, null, null, null};
                return n[f3] == null ? unknown(w) : n[f3] + " " + x(rs2) + "," + immS + "(" + x(rs1) + ")";
            }
            case 0x13: {
                switch (f3) {
                    case 0: return "addi " + x(rd) + "," + x(rs1) + "," + immI;
                    case 2: return "slti " + x(rd) + "," + x(rs1) + "," + immI;
                    case 3: return "sltiu " + x(rd) + "," + x(rs1) + "," + immI;
                    case 4: return "xori " + x(rd) + "," + x(rs1) + "," + immI;
                    case 6: return "ori " + x(rd) + "," + x(rs1) + "," + immI;
                    case 7: return "andi " + x(rd) + "," + x(rs1) + "," + immI;
                    case 1: return f7 == 0 ? "slli " + x(rd) + "," + x(rs1) + ",0x" + Integer.toHexString(rs2)
                            : orUnknown(FloatAndBits.bitsImmediate(f7, f3, rd, rs1, rs2), w);
                    case 5:
                        if (f7 == 0) {
                            return "srli " + x(rd) + "," + x(rs1) + ",0x" + Integer.toHexString(rs2);
                        }
                        return f7 == 0x20 ? "srai " + x(rd) + "," + x(rs1) + ",0x" + Integer.toHexString(rs2)
                                : orUnknown(FloatAndBits.bitsImmediate(f7, f3, rd, rs1, rs2), w);
                    default: return unknown(w);
                }
            }
            case 0x33: {
                String name = null;
                if (f7 == 0) {
                    name = new String[] {"add", "sll", "slt", "sltu", "xor", "srl", "or", "and"}[f3];
                } else if (f7 == 0x20) {
                    name = f3 == 0 ? "sub" : f3 == 5 ? "sra" : null;
                } else if (f7 == 1) {
                    name = new String[] {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"}[f3];
                }
                if (name == null) {
                    return orUnknown(FloatAndBits.bitsRegister(f7, f3, rd, rs1, rs2), w);
                }
                return name == null ? unknown(w) : name + " " + x(rd) + "," + x(rs1) + "," + x(rs2);
            }
            case 0x0f:
                if (f3 == 1) {
                    return "fence.i";
                }
                return f3 == 0 ? "fence " + fenceSet((w >>> 24) & 15) + "," + fenceSet((w >>> 20) & 15) : unknown(w);
            case 0x73: return system(w, rd, f3, rs1);
            case 0x2f: return f3 == 2 ? atomic(w, rd, rs1, rs2) : unknown(w);
            default: return orUnknown(FloatAndBits.floating(w), w);
        }
    }

    private static String fenceSet(int bits) {
        StringBuilder sb = new StringBuilder();
        if ((bits & 8) != 0) {
            sb.append('i');
        }
        if ((bits & 4) != 0) {
            sb.append('o');
        }
        if ((bits & 2) != 0) {
            sb.append('r');
        }
        if ((bits & 1) != 0) {
            sb.append('w');
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    private String system(int w, int rd, int f3, int rs1) {
        int csr = w >>> 20;
        if (f3 == 0) {
            switch (w) {
                case 0x00000073: return "ecall";
                case 0x00100073: return "ebreak";
                case 0x30200073: return "mret";
                case 0x10200073: return "sret";
                case 0x10500073: return "wfi";
                default: return unknown(w);
            }
        }
        String[] n = {null, "csrrw", "csrrs", "csrrc", null, "csrrwi", "csrrsi", "csrrci"};
        if (n[f3] == null) {
            return unknown(w);
        }
        String src = f3 >= 5 ? Integer.toString(rs1) : x(rs1);
        return n[f3] + " " + x(rd) + "," + csrName(csr) + "," + src;
    }

    static String csrName(int csr) {
        String name = RegisterNames.csr(csr);
        return name != null ? name : "0x" + Integer.toHexString(csr);
    }

    private static String atomic(int w, int rd, int rs1, int rs2) {
        int f5 = w >>> 27;
        String ord = ((w >>> 26) & 1) != 0 ? (((w >>> 25) & 1) != 0 ? ".aqrl" : ".aq") : (((w >>> 25) & 1) != 0 ? ".rl" : "");
        String name = switch (f5) {
            case 0x02 -> "lr.w";
            case 0x03 -> "sc.w";
            case 0x01 -> "amoswap.w";
            case 0x00 -> "amoadd.w";
            case 0x04 -> "amoxor.w";
            case 0x0c -> "amoand.w";
            case 0x08 -> "amoor.w";
            case 0x10 -> "amomin.w";
            case 0x14 -> "amomax.w";
            case 0x18 -> "amominu.w";
            case 0x1c -> "amomaxu.w";
            default -> null;
        };
        if (name == null) {
            return unknown(w);
        }
        if (f5 == 0x02) {
            return name + ord + " " + x(rd) + ",(" + x(rs1) + ")";
        }
        return name + ord + " " + x(rd) + "," + x(rs2) + ",(" + x(rs1) + ")";
    }

    /** What objdump writes for an encoding it does not know. */
    static String unknown(int w) {
        return (w & 3) == 3 ? String.format(".word 0x%08x", w) : String.format(".short 0x%04x", w & 0xffff);
    }

    private static String orUnknown(String text, int w) {
        return text != null ? text : unknown(w);
    }
}
