package dev.backstep.machine;

/**
 * Decodes the instructions of an {@link Isa} (RV32I or E, M, A, F, D, C, Zba, Zbb, Zbs, Zicsr, Zifencei) into the
 * compact form described in {@link Op}. An instruction of an extension that is off decodes as illegal, and so does
 * one naming x16..x31 on RV32E.
 */
final class Decoder {
    private Decoder() {
    }

    /** Decodes one instruction for an ISA; out[0] = packed word, out[1] = immediate. */
    static void decode(int insn, int[] out, Isa isa) {
        if ((insn & 3) != 3) {
            if (!isa.c()) {
                illegal(out, insn & 0xFFFF, true);
                return;
            }
            decode16(insn & 0xFFFF, out);
            if ((out[0] & 0x7F) == Op.FP) {
                if (!FloatDecoding.legal(out[1], isa)) {
                    illegal(out, insn & 0xFFFF, true);
                }
            } else if (isa.e() && usesUpperRegister16(out[0])) {
                illegal(out, insn & 0xFFFF, true);
            }
        } else {
            decode32(insn, out);
            int op = out[0] & 0x7F;
            if (!extensionOn(op, insn, isa) || (isa.e() && usesUpperRegister32(insn, op))) {
                illegal(out, insn, false);
            }
        }
    }

    private static boolean extensionOn(int op, int insn, Isa isa) {
        if (op >= Op.MUL && op <= Op.REMU) {
            return isa.m();
        }
        if (op >= Op.LR && op <= Op.AMOMAXU) {
            return isa.a();
        }
        if (op == Op.FP) {
            return FloatDecoding.legal(insn, isa);
        }
        if (op >= Op.SH1ADD && op <= Op.SH3ADD) {
            return isa.zba();
        }
        if (op >= Op.ANDN && op <= Op.REV8) {
            return isa.zbb();
        }
        if (op >= Op.BCLR && op <= Op.BSETI) {
            return isa.zbs();
        }
        return true;
    }

    /** RV32E: whether a 32-bit instruction names an integer register above x15 (float registers are not checked). */
    private static boolean usesUpperRegister32(int i, int op) {
        int rd = (i >>> 7) & 31;
        int rs1 = (i >>> 15) & 31;
        int rs2 = (i >>> 20) & 31;
        int f3 = (i >>> 12) & 7;
        switch (i & 0x7F) {
            case 0x37, 0x17, 0x6F:
                return rd >= 16;
            case 0x67, 0x03, 0x13:
                return rd >= 16 || rs1 >= 16;
            case 0x23, 0x63:
                return rs1 >= 16 || rs2 >= 16;
            case 0x33, 0x2F:
                return rd >= 16 || rs1 >= 16 || rs2 >= 16;
            case 0x73:
                return f3 != 0 && (rd >= 16 || (f3 < 4 && rs1 >= 16));
            case 0x07, 0x27:
                return rs1 >= 16;
            case 0x53:
                return (FloatDecoding.readsIntegerRs1(i) && rs1 >= 16) || (FloatDecoding.writesIntegerRd(i) && rd >= 16);
            default:
                return false;
        }
    }

    /** RV32E: whether a decoded compressed instruction names an integer register above x15. */
    private static boolean usesUpperRegister16(int w) {
        int rd = (w >>> 8) & 0x3F;
        int rs1 = (w >>> 16) & 0x1F;
        int rs2 = (w >>> 24) & 0x3F;
        return (rd >= 16 && rd != Op.X0_SINK) || rs1 >= 16 || rs2 >= 16;
    }

    /** Packs the fields; rd 0 becomes the scratch slot. */
    static int pack(int op, boolean compressed, int rd, int rs1, int rs2) {
        if (rd == 0) {
            rd = Op.X0_SINK;
        }
        return op | (compressed ? Op.C : 0) | rd << 8 | rs1 << 16 | rs2 << 24;
    }

    /** Decodes one instruction for RV32IMAC; out[0] = packed word, out[1] = immediate. */
    static void decode(int insn, int[] out) {
        decode(insn, out, Isa.RV32IMAC);
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
                        int zb = f7 == 0 ? Op.SLLI : bitManipImmediate(f7, f3, rs2);
                        if (zb < 0) {
                            illegal(out, i, false);
                        } else {
                            set(out, zb, false, rd, rs1, 0, rs2);
                        }
                    }
                    default -> {
                        int zb = f7 == 0 ? Op.SRLI : f7 == 0x20 ? Op.SRAI : bitManipImmediate(f7, f3, rs2);
                        if (zb < 0) {
                            illegal(out, i, false);
                        } else {
                            set(out, zb, false, rd, rs1, 0, rs2);
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
                } else {
                    op = bitManipRegister(f7, f3, rs2);
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
            case 0x07, 0x27, 0x43, 0x47, 0x4B, 0x4F, 0x53 -> setFloat(out, i, false);
            default -> illegal(out, i, false);
        }
    }

    /** Zba/Zbb/Zbs register-register forms (opcode OP, funct7 other than 0, 0x20 and 1); -1 if none. */
    private static int bitManipRegister(int f7, int f3, int rs2) {
        return switch (f7 << 3 | f3) {
            case 0x10 << 3 | 2 -> Op.SH1ADD;
            case 0x10 << 3 | 4 -> Op.SH2ADD;
            case 0x10 << 3 | 6 -> Op.SH3ADD;
            case 0x20 << 3 | 7 -> Op.ANDN;
            case 0x20 << 3 | 6 -> Op.ORN;
            case 0x20 << 3 | 4 -> Op.XNOR;
            case 0x05 << 3 | 6 -> Op.MAX;
            case 0x05 << 3 | 7 -> Op.MAXU;
            case 0x05 << 3 | 4 -> Op.MIN;
            case 0x05 << 3 | 5 -> Op.MINU;
            case 0x04 << 3 | 4 -> rs2 == 0 ? Op.ZEXT_H : -1;
            case 0x30 << 3 | 1 -> Op.ROL;
            case 0x30 << 3 | 5 -> Op.ROR;
            case 0x24 << 3 | 1 -> Op.BCLR;
            case 0x24 << 3 | 5 -> Op.BEXT;
            case 0x34 << 3 | 1 -> Op.BINV;
            case 0x14 << 3 | 1 -> Op.BSET;
            default -> -1;
        };
    }

    /** Zbb/Zbs forms of OP-IMM with funct3 1 or 5 (funct7 other than 0 and 0x20); -1 if none. */
    private static int bitManipImmediate(int f7, int f3, int rs2) {
        if (f3 == 1) {
            return switch (f7) {
                case 0x30 -> switch (rs2) {
                    case 0 -> Op.CLZ;
                    case 1 -> Op.CTZ;
                    case 2 -> Op.CPOP;
                    case 4 -> Op.SEXT_B;
                    case 5 -> Op.SEXT_H;
                    default -> -1;
                };
                case 0x24 -> Op.BCLRI;
                case 0x34 -> Op.BINVI;
                case 0x14 -> Op.BSETI;
                default -> -1;
            };
        }
        return switch (f7) {
            case 0x30 -> Op.RORI;
            case 0x24 -> Op.BEXTI;
            case 0x14 -> rs2 == 7 ? Op.ORC_B : -1;
            case 0x34 -> rs2 == 0x18 ? Op.REV8 : -1;
            default -> -1;
        };
    }

    /** An F/D instruction: the 32-bit encoding in imm, its register fields as they are (f0 is a register). */
    private static void setFloat(int[] out, int raw, boolean compressed) {
        out[0] = Op.FP | (compressed ? Op.C : 0) | ((raw >>> 7) & 31) << 8 | ((raw >>> 15) & 31) << 16
                | ((raw >>> 20) & 31) << 24;
        out[1] = raw;
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
                    case 1 -> setFloat(out, iType(cldImm(i), rs1P, 3, rdP, 0x07), true); // c.fld
                    case 3 -> setFloat(out, iType(clwImm(i), rs1P, 2, rdP, 0x07), true); // c.flw
                    case 5 -> setFloat(out, sType(cldImm(i), rdP, rs1P, 3, 0x27), true); // c.fsd
                    case 7 -> setFloat(out, sType(clwImm(i), rdP, rs1P, 2, 0x27), true); // c.fsw
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
                    case 1 -> { // c.fldsp
                        int imm = (((i >>> 12) & 1) << 5) | (((i >>> 5) & 3) << 3) | (((i >>> 2) & 7) << 6);
                        setFloat(out, iType(imm, 2, 3, rdFull, 0x07), true);
                    }
                    case 3 -> { // c.flwsp
                        int imm = (((i >>> 12) & 1) << 5) | (((i >>> 4) & 7) << 2) | (((i >>> 2) & 3) << 6);
                        setFloat(out, iType(imm, 2, 2, rdFull, 0x07), true);
                    }
                    case 5 -> { // c.fsdsp
                        int imm = (((i >>> 10) & 7) << 3) | (((i >>> 7) & 7) << 6);
                        setFloat(out, sType(imm, rs2Full, 2, 3, 0x27), true);
                    }
                    default -> { // c.fswsp
                        int imm = (((i >>> 9) & 0xF) << 2) | (((i >>> 7) & 3) << 6);
                        setFloat(out, sType(imm, rs2Full, 2, 2, 0x27), true);
                    }
                }
            }
        }
    }

    private static int iType(int imm, int rs1, int f3, int rd, int opcode) {
        return imm << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opcode;
    }

    private static int sType(int imm, int rs2, int rs1, int f3, int opcode) {
        return (imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 31) << 7 | opcode;
    }

    private static int cldImm(int i) {
        return (((i >>> 10) & 7) << 3) | (((i >>> 5) & 3) << 6);
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
