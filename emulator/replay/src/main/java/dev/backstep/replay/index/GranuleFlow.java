package dev.backstep.replay.index;

import dev.backstep.machine.Activity;
import dev.backstep.machine.ActivityMarks;

/**
 * Which run entries of a 64-byte code granule can reach a pc in it: a run goes from its entry through the granule
 * along straight-line code and conditional branches (forward, or back to no lower than the entry), and ends at a jump,
 * a call, a return or a trap. So code that shares a granule with pc but ends before it (a hot function that returns
 * right before the next one begins) does not make pc look run. Decided from the instruction bytes; where they are not
 * known to be the code that ran, every entry at or below pc counts ({@link Activity#entriesUpTo}).
 */
public final class GranuleFlow {
    /** The code's halfwords, or -1 for an address whose bytes may not be what ran there. */
    @FunctionalInterface
    public interface Code {
        int halfword(int address);
    }

    private static final int HALVES = 1 << (ActivityMarks.GRANULE_SHIFT - 1);

    private GranuleFlow() {
    }

    /** The entry mask (halfword offsets of pc's granule) of the runs that can reach pc. */
    public static int entriesReaching(int pc, Code code) {
        int granule = pc & -(1 << ActivityMarks.GRANULE_SHIFT);
        int target = (pc >>> 1) & (HALVES - 1);
        int mask = 0;
        for (int e = 0; e <= target; e++) {
            if (reaches(granule, e, target, code)) {
                mask |= 1 << e;
            }
        }
        return mask;
    }

    /** Whether a run entered at halfword {@code entry} can reach halfword {@code target} (unknown code: it can). */
    private static boolean reaches(int granule, int entry, int target, Code code) {
        int seen = 0;
        int[] stack = new int[2 * HALVES + 1]; // each offset is visited once and pushes at most two
        int top = 0;
        stack[top++] = entry;
        while (top > 0) {
            int x = stack[--top];
            if (x == target) {
                return true;
            }
            if ((seen & 1 << x) != 0) {
                continue;
            }
            seen |= 1 << x;
            int addr = granule + 2 * x;
            int lo = code.halfword(addr);
            if (lo < 0) {
                return true;
            }
            int next;
            int branch = -1; // byte offset of a conditional branch's target from addr, when taken
            if ((lo & 3) == 3) {
                int hi = code.halfword(addr + 2);
                if (hi < 0) {
                    return true;
                }
                int w = lo | hi << 16;
                next = x + 2;
                switch (w & 0x7F) {
                    case 0x6F, 0x67 -> next = -1; // jal, jalr: a jump, a call or a return
                    case 0x63 -> branch = ((w >> 31) << 12) | ((w >>> 7 & 1) << 11) | ((w >>> 25 & 0x3F) << 5)
                            | ((w >>> 8 & 0xF) << 1);
                    case 0x73 -> {
                        if ((w >>> 12 & 7) == 0 && w != 0x10500073) {
                            next = -1; // ecall, ebreak, mret...: a trap or a return from one (wfi goes on)
                        }
                    }
                    default -> {
                    }
                }
            } else {
                next = x + 1;
                int funct3 = lo >>> 13 & 7;
                if ((lo & 3) == 1) {
                    if (funct3 == 1 || funct3 == 5) {
                        next = -1; // c.jal, c.j
                    } else if (funct3 == 6 || funct3 == 7) {
                        // c.beqz, c.bnez: offset[8|4:3] in 12:10, offset[7:6|2:1|5] in 6:2
                        branch = ((lo << 19 >> 31) << 8) | ((lo >>> 10 & 3) << 3) | ((lo >>> 5 & 3) << 6)
                                | ((lo >>> 3 & 3) << 1) | ((lo >>> 2 & 1) << 5);
                    }
                } else if ((lo & 3) == 2 && funct3 == 4 && (lo >>> 2 & 0x1F) == 0) {
                    next = -1; // c.jr, c.jalr, c.ebreak (c.mv and c.add have rs2 != 0)
                }
            }
            if (next >= 0 && next < HALVES) {
                stack[top++] = next;
            }
            if (branch != -1) {
                int t = x + (branch >> 1);
                if (t >= entry && t < HALVES) {
                    stack[top++] = t; // a branch further down than the entry begins a new run
                }
            }
        }
        return false;
    }
}
