package dev.backstep.debuginfo.frame;

import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.RegisterReader;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Where traps enter code, from {@code mtvec}: its base in direct mode; in vectored mode the table at its base and
 * the handlers its entries jump to.
 */
final class TrapVectors {
    static final int MTVEC = 0x305;
    static final int MEPC = 0x341;
    static final int MCAUSE = 0x342;
    /** DWARF numbers CSRs from 4096 (RISC-V psABI). */
    static final int DWARF_CSR_BASE = 4096;
    /** Table entries looked at in vectored mode: the standard interrupt causes. */
    private static final int TABLE_ENTRIES = 16;

    private final long base;
    private final boolean vectored;
    private final Set<Long> entries = new HashSet<>();

    private TrapVectors(long base, boolean vectored) {
        this.base = base;
        this.vectored = vectored;
    }

    static final TrapVectors NONE = new TrapVectors(-1, false);

    static TrapVectors of(RegisterReader regs, MemoryReader memory) {
        OptionalLong mtvec = regs.csr(MTVEC);
        if (mtvec.isEmpty() || (mtvec.getAsLong() & 3) > 1) {
            return NONE;
        }
        long tvec = mtvec.getAsLong() & 0xffffffffL;
        TrapVectors v = new TrapVectors(tvec & ~3L, (tvec & 3) == 1);
        v.entries.add(v.base);
        if (v.vectored) {
            for (int i = 0; i < TABLE_ENTRIES; i++) {
                long at = v.base + 4L * i;
                long target = jumpTarget(memory, at);
                if (target >= 0) {
                    v.entries.add(target);
                }
            }
        }
        return v;
    }

    /** Whether code starting at this address is entered by traps. */
    boolean isEntry(long start) {
        return entries.contains(start);
    }

    /** Whether pc is inside a vectored table (each entry is trap code of its own). */
    boolean inTable(long pc) {
        return vectored && pc >= base && pc < base + 4L * TABLE_ENTRIES;
    }

    /** The target of the jump (jal x0 or c.j) at an address, or -1. */
    private static long jumpTarget(MemoryReader memory, long at) {
        try {
            int lo = memory.read16((int) at) & 0xffff;
            if ((lo & 3) == 3) {
                int insn = memory.read32((int) at);
                if ((insn & 0x7f) != 0x6f || ((insn >>> 7) & 31) != 0) {
                    return -1;
                }
                int imm = ((insn >> 31) << 20) | (((insn >>> 21) & 0x3ff) << 1) | (((insn >>> 20) & 1) << 11)
                        | (((insn >>> 12) & 0xff) << 12);
                return (at + imm) & 0xffffffffL;
            }
            if ((lo & 3) != 1 || ((lo >>> 13) & 7) != 5) {
                return -1;
            }
            int imm = ((lo >>> 12) & 1) << 11 | ((lo >>> 11) & 1) << 4 | ((lo >>> 9) & 3) << 8 | ((lo >>> 8) & 1) << 10
                    | ((lo >>> 7) & 1) << 6 | ((lo >>> 6) & 1) << 7 | ((lo >>> 3) & 7) << 1 | ((lo >>> 2) & 1) << 5;
            if ((imm & 0x800) != 0) {
                imm |= ~0xfff;
            }
            return (at + imm) & 0xffffffffL;
        } catch (MemoryAccessException e) {
            return -1;
        }
    }
}
