package dev.backstep.machine;

/** One decoded guest instruction as the translator sees it: its address, length and the decoder's fields. */
record Insn(int pc, int op, int length, int rd, int rs1, int rs2, int imm, long decoded) {

    /** From a decoded slot (see {@link Op}: packed word in the low 32 bits, immediate in the high 32). */
    static Insn of(int pc, long decoded) {
        int w = (int) decoded;
        return new Insn(pc, w & 0x7F, (w & Op.C) != 0 ? 2 : 4, (w >>> 8) & 0x3F, (w >>> 16) & 0x1F,
                (w >>> 24) & 0x3F, (int) (decoded >> 32), decoded);
    }

    int next() {
        return pc + length;
    }

    /** Whether rd is a real register (not x0's sink). */
    boolean links() {
        return rd != Op.X0_SINK && rd != 0;
    }
}
