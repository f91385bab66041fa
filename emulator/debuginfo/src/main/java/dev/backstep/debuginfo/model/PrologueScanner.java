package dev.backstep.debuginfo.model;

import java.util.Optional;

/**
 * Where a RISC-V function's prologue ends, read from its instructions, for functions whose line table cannot say
 * (one line for the whole function, or no line info at all). The rule is gdb's: the prologue goes on while the
 * instructions set up registers and the frame (addi, add, mv, li, lui, auipc, nops, and stores relative to
 * sp or s0), and ends at the first other instruction (a load too: gdb 13 stops there), or after 100 bytes.
 */
final class PrologueScanner {
    /** How far a scan looks when nothing else bounds it. */
    static final int LIMIT = 100;

    /** Reads code bytes at an address; empty where the image has none. */
    interface Code {
        Optional<byte[]> read(long address, int length);
    }

    private PrologueScanner() {
    }

    /** The address of the first instruction after the prologue of code starting at {@code start}, before {@code end}. */
    static long scan(Code code, long start, long end) {
        long pc = start;
        while (pc < end) {
            Optional<byte[]> half = code.read(pc, 2);
            if (half.isEmpty()) {
                return pc;
            }
            int lo = (half.get()[0] & 0xff) | (half.get()[1] & 0xff) << 8;
            if ((lo & 3) != 3) {
                if (!setsUpCompressed(lo)) {
                    return pc;
                }
                pc += 2;
                continue;
            }
            Optional<byte[]> word = code.read(pc, 4);
            if (word.isEmpty()) {
                return pc;
            }
            byte[] b = word.get();
            int insn = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
            if (!setsUp(insn)) {
                return pc;
            }
            pc += 4;
        }
        return pc;
    }

    private static boolean setsUp(int insn) {
        int opcode = insn & 0x7f;
        int funct3 = (insn >>> 12) & 7;
        int rs1 = (insn >>> 15) & 31;
        switch (opcode) {
            case 0x13: // addi (also li, mv, nop)
                return funct3 == 0;
            case 0x33: // add
                return funct3 == 0 && (insn >>> 25) == 0;
            case 0x37: case 0x17: // lui, auipc
                return true;
            case 0x23: // sw relative to sp or s0
                return funct3 == 2 && (rs1 == 2 || rs1 == 8);
            default:
                return false;
        }
    }

    private static boolean setsUpCompressed(int h) {
        int quadrant = h & 3;
        int funct3 = (h >>> 13) & 7;
        int rd = (h >>> 7) & 31;
        int rs2 = (h >>> 2) & 31;
        switch (quadrant) {
            case 0:
                // c.addi4spn, c.sw relative to s0
                return funct3 == 0 && (h >>> 5) != 0 || funct3 == 6 && ((h >>> 7) & 7) == 0;
            case 1:
                // c.addi / c.nop, c.li, c.addi16sp / c.lui
                return funct3 == 0 || funct3 == 2 || funct3 == 3;
            case 2:
                if (funct3 == 6) {
                    return true; // c.swsp
                }
                if (funct3 == 4 && rs2 != 0) {
                    return ((h >>> 12) & 1) == 0 || rd != 0; // c.mv, c.add
                }
                return false;
            default:
                return false;
        }
    }
}
