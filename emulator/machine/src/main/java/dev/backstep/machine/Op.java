package dev.backstep.machine;

/**
 * Operation ids of decoded instructions. A decoded instruction is two ints:
 * {@code w = op | (compressed ? C : 0) | rd << 8 | rs1 << 16 | rs2 << 24} and an immediate.
 * rd 0 is decoded as 32 (a scratch slot) so that execution never needs to test for x0.
 */
final class Op {
    private Op() {
    }

    static final int C = 0x80;
    static final int X0_SINK = 32;

    static final int UNDECODED = 0;
    static final int LUI = 1, AUIPC = 2, JAL = 3, JALR = 4;
    static final int BEQ = 5, BNE = 6, BLT = 7, BGE = 8, BLTU = 9, BGEU = 10;
    static final int LB = 11, LH = 12, LW = 13, LBU = 14, LHU = 15;
    static final int SB = 16, SH = 17, SW = 18;
    static final int ADDI = 19, SLTI = 20, SLTIU = 21, XORI = 22, ORI = 23, ANDI = 24, SLLI = 25, SRLI = 26, SRAI = 27;
    static final int ADD = 28, SUB = 29, SLL = 30, SLT = 31, SLTU = 32, XOR = 33, SRL = 34, SRA = 35, OR = 36, AND = 37;
    static final int FENCE = 38, FENCE_I = 39, ECALL = 40, EBREAK = 41, MRET = 42, WFI = 43;
    static final int CSRRW = 44, CSRRS = 45, CSRRC = 46, CSRRWI = 47, CSRRSI = 48, CSRRCI = 49;
    static final int MUL = 50, MULH = 51, MULHSU = 52, MULHU = 53, DIV = 54, DIVU = 55, REM = 56, REMU = 57;
    static final int LR = 58, SC = 59, AMOSWAP = 60, AMOADD = 61, AMOXOR = 62, AMOAND = 63, AMOOR = 64;
    static final int AMOMIN = 65, AMOMAX = 66, AMOMINU = 67, AMOMAXU = 68;
    /** Illegal instruction; imm holds the instruction bits (mtval). */
    static final int ILLEGAL = 69;
    /** A PC breakpoint marker placed in the decode cache. */
    static final int BREAKPOINT = 70;
    /** Non-compressed NOP-like ops that only need pc advance (c.nop, fence, hints). */
    static final int NOP = 72;
    static final int SRET = 73;
    /**
     * The first instruction of a translated block (the translator's entry marker in the decode cache): the
     * interpreter hands over to the translated region there. The instruction itself is decoded afresh when the
     * interpreter has to run it.
     */
    static final int ENTRY = 74;
    /**
     * Every F and D instruction (loads and stores, compressed ones included): imm holds the 32-bit encoding (a
     * compressed one expanded to it), {@link FloatUnit} decodes the rest. They are rare enough in firmware that one
     * op id and the interpreter's slow path serve them; the translator ends its blocks before them.
     */
    static final int FP = 75;
    // Zba
    static final int SH1ADD = 76, SH2ADD = 77, SH3ADD = 78;
    // Zbb
    static final int ANDN = 79, ORN = 80, XNOR = 81, CLZ = 82, CTZ = 83, CPOP = 84, MAX = 85, MAXU = 86, MIN = 87,
            MINU = 88, SEXT_B = 89, SEXT_H = 90, ZEXT_H = 91, ROL = 92, ROR = 93, RORI = 94, ORC_B = 95, REV8 = 96;
    // Zbs
    static final int BCLR = 97, BCLRI = 98, BEXT = 99, BEXTI = 100, BINV = 101, BINVI = 102, BSET = 103, BSETI = 104;
}
