package dev.backstep.machine;

/** Decodes RV32IMAC + Zicsr + Zifencei instructions into the compact form described in {@link Op}. */
final class Decoder {
    private Decoder() {
    }

    /** Packs the fields; rd 0 becomes the scratch slot. */
    static int pack(int op, boolean compressed, int rd, int rs1, int rs2) {
        if (rd == 0) {
            rd = Op.X0_SINK;
        }
        return op | (compressed ? Op.C : 0) | rd << 8 | rs1 << 16 | rs2 << 24;
    }

    /** Decodes one instruction; out[0] = packed word, out[1] = immediate. */
    static void decode(int insn, int[] out) {
        if ((insn & 3) != 3) {
            decode16(insn & 0xFFFF, out);
        } else {
            decode32(insn, out);
        }
    }

    private static void set(int[] out, int op, boolean c, int rd, int rs1, int rs2, int imm) {
        out[0] = pack(op, c, rd, rs1, rs2);
        out[1] = imm;
    }

    private static void illegal(int[] out, int insn, boolean c) {
        out[0] = Op.ILLEGAL | (c ? Op.C : 0);
        out[1] = insn;
    }

    static void decode32(int i, int[] out) {
        int opcode = i & 0x7F;
        int rd = (i >>> 7) & 31;
        int f3 = (i >>> 12) & 7;
        int rs1 = (i >>> 15) & 31;
        int rs2 = (i >>> 20) & 31;
        int f7 = i >>> 25;
        int immI = i >> 20;
        int immS = ((i >> 25) << 5) | ((i >>> 7) & 31);
        int immB = ((i >> 31) << 12) | (((i >>> 7) & 1) << 11) | (((i >>> 25) & 0x3F) << 5) | (((i >>> 8) & 0xF) << 1);
        int immU = i & 0xFFFFF000;
        int immJ = ((i >> 31) << 20) | (((i >>> 12) & 0xFF) << 12) | (((i >>> 20) & 1) << 11) | (((i >>> 21) & 0x3FF) << 1);
        switch (opcode) {
            case 0x37 -> set(out, Op.LUI, false, rd, 0, 0, immU);
            case 0x17 -> set(out, Op.AUIPC, false, rd, 0, 0, immU);
            case 0x6F -> set(out, Op.JAL, false, rd, 0, 0, immJ);
            case 0x67 -> {
                if (f3 != 0) {
                    illegal(out, i, false);
                } else {
                    set(out, Op.JALR, false, rd, rs1, 0, immI);
                }
            }
            case 0x63 -> {
                int op = switch (f3) {
                    case 0 -> Op.BEQ;
                    case 1 -> Op.BNE;
                    case 4 -> Op.BLT;
                    case 5 -> Op.BGE;
                    case 6 -> Op.BLTU;
                    case 7 -> Op.BGEU;
                    default -> -1;
                };
                if (op < 0) {
                    illegal(out, i, false);
                } else {
                    set(out, op, false, 0, rs1, rs2, immB);
                }
            }
            case 0x03 -> {
                int op = switch (f3) {
                    case 0 -> Op.LB;
                    case 1 -> Op.LH;
                    case 2 -> Op.LW;
                    case 4 -> Op.LBU;
                    case 5 -> Op.LHU;
                    default -> -1;
                };
                if (op < 0) {
                    illegal(out, i, false);
                } else {
                    set(out, op, false, rd, rs1, 0, immI);
                }
            }
            case 0x23 -> {
                int op = switch (f3) {
                    case 0 -> Op.SB;
                    case 1 -> Op.SH;
                    case 2 -> Op.SW;
                    default -> -1;
                };
                if (op < 0) {
                    illegal(out, i, false);
                } else {
                    set(out, op, false, Op.X0_SINK, rs1, rs2, immS);
                }
            }
            case 0x13 -> {
                switch (f3) {
                    case 0 -> set(out, Op.ADDI, false, rd, rs1, 0, immI);
                    case 2 -> set(out, Op.SLTI, false, rd, rs1, 0, immI);
                    case 3 -> set(out, Op.SLTIU, false, rd, rs1, 0, immI);
                    case 4 -> set(out, Op.XORI, false, rd, rs1, 0, immI);
                    case 6 -> set(out, Op.ORI, false, rd, rs1, 0, immI);
                    case 7 -> set(out, Op.ANDI, false, rd, rs1, 0, immI);
                    case 1 -> {
                        if (f7 != 0) {
                            illegal(out, i, false);
                        } else {
                            set(out, Op.SLLI, false, rd, rs1, 0, rs2);
                        }
                    }
                    default -> {
                        if (f7 == 0) {
                            set(out, Op.SRLI, false, rd, rs1, 0, rs2);
                        } else if (f7 == 0x20) {
                            set(out, Op.SRAI, false, rd, rs1, 0, rs2);
                        } else {
                            illegal(out, i, false);
                        }
                    }
                }
            }
            case 0x33 -> {
                int op = -1;
                if (f7 == 0) {
                    op = switch (f3) {
                        case 0 -> Op.ADD;
                        case 1 -> Op.SLL;
                        case 2 -> Op.SLT;
                        case 3 -> Op.SLTU;
                        case 4 -> Op.XOR;
                        case 5 -> Op.SRL;
                        case 6 -> Op.OR;
                        default -> Op.AND;
                    };
                } else if (f7 == 0x20 && (f3 == 0 || f3 == 5)) {
                    op = f3 == 0 ? Op.SUB : Op.SRA;
                } else if (f7 == 1) {
                    op = Op.MUL + f3;
                }
                if (op < 0) {
                    illegal(out, i, false);
                } else {
                    set(out, op, false, rd, rs1, rs2, 0);
                }
            }
            case 0x0F -> {
                if (f3 == 0) {
                    set(out, Op.FENCE, false, 0, 0, 0, 0);
                } else if (f3 == 1) {
                    set(out, Op.FENCE_I, false, 0, 0, 0, 0);
                } else {
                    illegal(out, i, false);
                }
            }
            case 0x73 -> decodeSystem(i, out, rd, f3, rs1);
            case 0x2F -> decodeAtomic(i, out, rd, f3, rs1, rs2);
            default -> illegal(out, i, false);
        }
    }

    private static void decodeSystem(int i, int[] out, int rd, int f3, int rs1) {
        int csr = i >>> 20;
        switch (f3) {
            case 0 -> {
                if (rd != 0) {
                    illegal(out, i, false);
                    return;
                }
                switch (i >>> 20) {
                    case 0x000 -> set(out, rs1 == 0 ? Op.ECALL : Op.ILLEGAL, false, 0, 0, 0, rs1 == 0 ? 0 : i);
                    case 0x001 -> set(out, rs1 == 0 ? Op.EBREAK : Op.ILLEGAL, false, 0, 0, 0, rs1 == 0 ? 0 : i);
                    case 0x302 -> set(out, rs1 == 0 ? Op.MRET : Op.ILLEGAL, false, 0, 0, 0, rs1 == 0 ? 0 : i);
                    case 0x102 -> set(out, rs1 == 0 ? Op.SRET : Op.ILLEGAL, false, 0, 0, 0, rs1 == 0 ? 0 : i);
                    case 0x105 -> set(out, rs1 == 0 ? Op.WFI : Op.ILLEGAL, false, 0, 0, 0, rs1 == 0 ? 0 : i);
                    default -> {
                        if ((i >>> 25) == 0x09) { // sfence.vma: no MMU here, behaves as a fence in M-mode
                            set(out, Op.NOP, false, 0, 0, 0, 0);
                        } else {
                            illegal(out, i, false);
                        }
                    }
                }
                if ((out[0] & 0x7F) == Op.ILLEGAL) {
                    out[0] = Op.ILLEGAL;
                    out[1] = i;
                }
            }
            case 1 -> setCsr(out, Op.CSRRW, rd, rs1, csr, i);
            case 2 -> setCsr(out, Op.CSRRS, rd, rs1, csr, i);
            case 3 -> setCsr(out, Op.CSRRC, rd, rs1, csr, i);
            case 5 -> setCsr(out, Op.CSRRWI, rd, rs1, csr, i);
            case 6 -> setCsr(out, Op.CSRRSI, rd, rs1, csr, i);
            case 7 -> setCsr(out, Op.CSRRCI, rd, rs1, csr, i);
            default -> illegal(out, i, false);
        }
    }

    /** CSR ops keep the real rd (0 matters: csrrw with rd=0 does not read) in rs2's slot. */
    private static void setCsr(int[] out, int op, int rd, int rs1, int csr, int insn) {
        out[0] = op | (rd == 0 ? Op.X0_SINK : rd) << 8 | rs1 << 16 | rd << 24;
        out[1] = csr;
    }

    private static void decodeAtomic(int i, int[] out, int rd, int f3, int rs1, int rs2) {
        if (f3 != 2) {
            illegal(out, i, false);
            return;
        }
        int f5 = i >>> 27;
        int op = switch (f5) {
            case 0x02 -> rs2 == 0 ? Op.LR : -1;
            case 0x03 -> Op.SC;
            case 0x01 -> Op.AMOSWAP;
            case 0x00 -> Op.AMOADD;
            case 0x04 -> Op.AMOXOR;
            case 0x0C -> Op.AMOAND;
            case 0x08 -> Op.AMOOR;
            case 0x10 -> Op.AMOMIN;
            case 0x14 -> Op.AMOMAX;
            case 0x18 -> Op.AMOMINU;
            case 0x1C -> Op.AMOMAXU;
            default -> -1;
        };
        if (op < 0) {
            illegal(out, i, false);
        } else {
            set(out, op, false, rd, rs1, rs2, 0);
        }
    }

    static void decode16(int i, int[] out) {
        int q = i & 3;
        int f3 = (i >>> 13) & 7;
        int rdFull = (i >>> 7) & 31;
        int rs2Full = (i >>> 2) & 31;
        int rdP = 8 + ((i >>> 2) & 7);
        int rs1P = 8 + ((i >>> 7) & 7);
        if (i == 0) {
            illegal(out, i, true);
            return;
        }
        switch (q) {
            case 0 -> {
                switch (f3) {
                    case 0 -> { // c.addi4spn
                        int imm = (((i >>> 7) & 0xF) << 6) | (((i >>> 11) & 3) << 4) | (((i >>> 5) & 1) << 3)
                                | (((i >>> 6) & 1) << 2);
                        if (imm == 0) {
                            illegal(out, i, true);
                        } else {
                            set(out, Op.ADDI, true, rdP, 2, 0, imm);
                        }
                    }
                    case 2 -> set(out, Op.LW, true, rdP, rs1P, 0, clwImm(i));
                    case 6 -> set(out, Op.SW, true, Op.X0_SINK, rs1P, rdP, clwImm(i));
                    default -> illegal(out, i, true);
                }
            }
            case 1 -> {
                int imm6 = ((i << 19) >> 31 << 5) | ((i >>> 2) & 31);
                switch (f3) {
                    case 0 -> set(out, Op.ADDI, true, rdFull, rdFull, 0, imm6); // c.addi / c.nop (hints ok)
                    case 1 -> set(out, Op.JAL, true, 1, 0, 0, cjImm(i)); // c.jal
                    case 2 -> set(out, Op.ADDI, true, rdFull, 0, 0, imm6); // c.li
                    case 3 -> {
                        if (rdFull == 2) { // c.addi16sp
                            int imm = ((i << 19) >> 31 << 9) | (((i >>> 3) & 3) << 7) | (((i >>> 5) & 1) << 6)
                                    | (((i >>> 2) & 1) << 5) | (((i >>> 6) & 1) << 4);
                            if (imm == 0) {
                                illegal(out, i, true);
                            } else {
                                set(out, Op.ADDI, true, 2, 2, 0, imm);
                            }
                        } else { // c.lui
                            if (imm6 == 0) {
                                illegal(out, i, true);
                            } else {
                                set(out, Op.LUI, true, rdFull, 0, 0, imm6 << 12);
                            }
                        }
                    }
                    case 4 -> {
                        int f2 = (i >>> 10) & 3;
                        int sh = ((i >>> 7) & 0x20) | ((i >>> 2) & 31);
                        switch (f2) {
                            case 0 -> {
                                if ((sh & 0x20) != 0) {
                                    illegal(out, i, true);
                                } else {
                                    set(out, Op.SRLI, true, rs1P, rs1P, 0, sh);
                                }
                            }
                            case 1 -> {
                                if ((sh & 0x20) != 0) {
                                    illegal(out, i, true);
                                } else {
                                    set(out, Op.SRAI, true, rs1P, rs1P, 0, sh);
                                }
                            }
                            case 2 -> set(out, Op.ANDI, true, rs1P, rs1P, 0, imm6);
                            default -> {
                                if ((i & 0x1000) != 0) {
                                    illegal(out, i, true);
                                } else {
                                    int op = switch ((i >>> 5) & 3) {
                                        case 0 -> Op.SUB;
                                        case 1 -> Op.XOR;
                                        case 2 -> Op.OR;
                                        default -> Op.AND;
                                    };
                                    set(out, op, true, rs1P, rs1P, rdP, 0);
                                }
                            }
                        }
                    }
                    case 5 -> set(out, Op.JAL, true, 0, 0, 0, cjImm(i)); // c.j
                    case 6 -> set(out, Op.BEQ, true, Op.X0_SINK, rs1P, 0, cbImm(i));
                    default -> set(out, Op.BNE, true, Op.X0_SINK, rs1P, 0, cbImm(i));
                }
            }
            default -> {
                switch (f3) {
                    case 0 -> {
                        if ((i & 0x1000) != 0) {
                            illegal(out, i, true);
                        } else {
                            set(out, Op.SLLI, true, rdFull, rdFull, 0, rs2Full);
                        }
                    }
                    case 2 -> { // c.lwsp
                        if (rdFull == 0) {
                            illegal(out, i, true);
                        } else {
                            int imm = (((i >>> 12) & 1) << 5) | (((i >>> 4) & 7) << 2) | (((i >>> 2) & 3) << 6);
                            set(out, Op.LW, true, rdFull, 2, 0, imm);
                        }
                    }
                    case 4 -> {
                        boolean bit12 = (i & 0x1000) != 0;
                        if (!bit12) {
                            if (rs2Full == 0) { // c.jr
                                if (rdFull == 0) {
                                    illegal(out, i, true);
                                } else {
                                    set(out, Op.JALR, true, 0, rdFull, 0, 0);
                                }
                            } else { // c.mv
                                set(out, Op.ADD, true, rdFull, 0, rs2Full, 0);
                            }
                        } else {
                            if (rs2Full == 0) {
                                if (rdFull == 0) {
                                    set(out, Op.EBREAK, true, 0, 0, 0, 0);
                                } else { // c.jalr
                                    set(out, Op.JALR, true, 1, rdFull, 0, 0);
                                }
                            } else { // c.add
                                set(out, Op.ADD, true, rdFull, rdFull, rs2Full, 0);
                            }
                        }
                    }
                    case 6 -> { // c.swsp
                        int imm = (((i >>> 9) & 0xF) << 2) | (((i >>> 7) & 3) << 6);
                        set(out, Op.SW, true, Op.X0_SINK, 2, rs2Full, imm);
                    }
                    default -> illegal(out, i, true);
                }
            }
        }
    }

    private static int clwImm(int i) {
        return (((i >>> 10) & 7) << 3) | (((i >>> 6) & 1) << 2) | (((i >>> 5) & 1) << 6);
    }

    private static int cjImm(int i) {
        int imm = (((i >>> 12) & 1) << 11) | (((i >>> 11) & 1) << 4) | (((i >>> 9) & 3) << 8)
                | (((i >>> 8) & 1) << 10) | (((i >>> 7) & 1) << 6) | (((i >>> 6) & 1) << 7)
                | (((i >>> 3) & 7) << 1) | (((i >>> 2) & 1) << 5);
        return (imm << 20) >> 20;
    }

    private static int cbImm(int i) {
        int imm = (((i >>> 12) & 1) << 8) | (((i >>> 10) & 3) << 3) | (((i >>> 5) & 3) << 6)
                | (((i >>> 3) & 3) << 1) | (((i >>> 2) & 1) << 5);
        return (imm << 23) >> 23;
    }
}
