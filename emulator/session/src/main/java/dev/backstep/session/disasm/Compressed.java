package dev.backstep.session.disasm;

/** The C extension (RV32), in objdump's no-aliases spelling with "c." mnemonics. */
final class Compressed {
    private Compressed() {
    }

    private static int bit(int w, int b) {
        return (w >>> b) & 1;
    }

    private static int bits(int w, int hi, int lo) {
        return (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static int sext(int v, int width) {
        return (v << (32 - width)) >> (32 - width);
    }

    private static String rp(int r) {
        return Disassembler.x(8 + (r & 7));
    }

    static String decode(int w, long pc, Disassembler d) {
        int quadrant = w & 3;
        int f3 = bits(w, 15, 13);
        int rd = bits(w, 11, 7);
        int rs2 = bits(w, 6, 2);
        if (w == 0) {
            return "c.unimp";
        }
        switch (quadrant) {
            case 0: {
                int rdp = bits(w, 4, 2);
                int rs1p = bits(w, 9, 7);
                int offW = (bits(w, 12, 10) << 3) | (bit(w, 6) << 2) | (bit(w, 5) << 6);
                switch (f3) {
                    case 0: {
                        int nz = (bits(w, 12, 11) << 4) | (bits(w, 10, 7) << 6) | (bit(w, 6) << 2) | (bit(w, 5) << 3);
                        return nz == 0 ? Disassembler.unknown(w) : "c.addi4spn " + rp(rdp) + ",sp," + nz;
                    }
                    case 2: return "c.lw " + rp(rdp) + "," + offW + "(" + rp(rs1p) + ")";
                    case 6: return "c.sw " + rp(rdp) + "," + offW + "(" + rp(rs1p) + ")";
                    case 3: return "c.flw " + fp(rdp) + "," + offW + "(" + rp(rs1p) + ")";
                    case 7: return "c.fsw " + fp(rdp) + "," + offW + "(" + rp(rs1p) + ")";
                    case 1: return "c.fld " + fp(rdp) + "," + offD(w) + "(" + rp(rs1p) + ")";
                    case 5: return "c.fsd " + fp(rdp) + "," + offD(w) + "(" + rp(rs1p) + ")";
                    default: return Disassembler.unknown(w);
                }
            }
            case 1: {
                int imm6 = sext((bit(w, 12) << 5) | rs2, 6);
                switch (f3) {
                    case 0: return "c.addi " + Disassembler.x(rd) + "," + imm6; // c.nop too, as objdump -M no-aliases writes it
                    case 1: return "c.jal " + d.target(pc, cj(w));
                    case 2: return "c.li " + Disassembler.x(rd) + "," + imm6;
                    case 3:
                        if (rd == 2) {
                            int nz = sext((bit(w, 12) << 9) | (bit(w, 6) << 4) | (bit(w, 5) << 6) | (bits(w, 4, 3) << 7)
                                    | (bit(w, 2) << 5), 10);
                            return "c.addi16sp sp," + nz;
                        }
                        return "c.lui " + Disassembler.x(rd) + ",0x" + Integer.toHexString(imm6 & 0xfffff);
                    case 4: {
                        int rdp = bits(w, 9, 7);
                        int sub = bits(w, 11, 10);
                        int shamt = (bit(w, 12) << 5) | rs2;
                        switch (sub) {
                            case 0: return "c.srli " + rp(rdp) + ",0x" + Integer.toHexString(shamt);
                            case 1: return "c.srai " + rp(rdp) + ",0x" + Integer.toHexString(shamt);
                            case 2: return "c.andi " + rp(rdp) + "," + imm6;
                            default: {
                                if (bit(w, 12) != 0) {
                                    return Disassembler.unknown(w);
                                }
                                String[] n = {"c.sub", "c.xor", "c.or", "c.and"};
                                return n[bits(w, 6, 5)] + " " + rp(rdp) + "," + rp(bits(w, 4, 2));
                            }
                        }
                    }
                    case 5: return "c.j " + d.target(pc, cj(w));
                    case 6: return "c.beqz " + rp(bits(w, 9, 7)) + "," + d.target(pc, cb(w));
                    case 7: return "c.bnez " + rp(bits(w, 9, 7)) + "," + d.target(pc, cb(w));
                    default: return Disassembler.unknown(w);
                }
            }
            default: {
                switch (f3) {
                    case 0: return "c.slli " + Disassembler.x(rd) + ",0x" + Integer.toHexString((bit(w, 12) << 5) | rs2);
                    case 2: {
                        int off = (bit(w, 12) << 5) | (bits(w, 6, 4) << 2) | (bits(w, 3, 2) << 6);
                        return "c.lwsp " + Disassembler.x(rd) + "," + off + "(sp)";
                    }
                    case 4:
                        if (bit(w, 12) == 0) {
                            if (rs2 == 0) {
                                return "c.jr " + Disassembler.x(rd);
                            }
                            return "c.mv " + Disassembler.x(rd) + "," + Disassembler.x(rs2);
                        }
                        if (rd == 0 && rs2 == 0) {
                            return "c.ebreak";
                        }
                        if (rs2 == 0) {
                            return "c.jalr " + Disassembler.x(rd);
                        }
                        return "c.add " + Disassembler.x(rd) + "," + Disassembler.x(rs2);
                    case 6: {
                        int off = (bits(w, 12, 9) << 2) | (bits(w, 8, 7) << 6);
                        return "c.swsp " + Disassembler.x(rs2) + "," + off + "(sp)";
                    }
                    case 3: {
                        int off = (bit(w, 12) << 5) | (bits(w, 6, 4) << 2) | (bits(w, 3, 2) << 6);
                        return "c.flwsp " + FloatAndBits.f(rd) + "," + off + "(sp)";
                    }
                    case 7: {
                        int off = (bits(w, 12, 9) << 2) | (bits(w, 8, 7) << 6);
                        return "c.fswsp " + FloatAndBits.f(rs2) + "," + off + "(sp)";
                    }
                    case 1: {
                        int off = (bit(w, 12) << 5) | (bits(w, 6, 5) << 3) | (bits(w, 4, 2) << 6);
                        return "c.fldsp " + FloatAndBits.f(rd) + "," + off + "(sp)";
                    }
                    case 5: {
                        int off = (bits(w, 12, 10) << 3) | (bits(w, 9, 7) << 6);
                        return "c.fsdsp " + FloatAndBits.f(rs2) + "," + off + "(sp)";
                    }
                    default: return Disassembler.unknown(w);
                }
            }
        }
    }

    private static String fp(int r) {
        return FloatAndBits.f(8 + (r & 7));
    }

    private static int offD(int w) {
        return (bits(w, 12, 10) << 3) | (bits(w, 6, 5) << 6);
    }

    private static int cj(int w) {
        int v = (bit(w, 12) << 11) | (bit(w, 11) << 4) | (bits(w, 10, 9) << 8) | (bit(w, 8) << 10) | (bit(w, 7) << 6)
                | (bit(w, 6) << 7) | (bits(w, 5, 3) << 1) | (bit(w, 2) << 5);
        return sext(v, 12);
    }

    private static int cb(int w) {
        int v = (bit(w, 12) << 8) | (bits(w, 11, 10) << 3) | (bits(w, 6, 5) << 6) | (bits(w, 4, 3) << 1)
                | (bit(w, 2) << 5);
        return sext(v, 9);
    }
}
