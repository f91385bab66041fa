package dev.backstep.session.internal.rtos;

import dev.backstep.debuginfo.MemoryReader;

/**
 * Where the GCC/RISC-V port of FreeRTOS keeps a task's registers on its stack while it does not run
 * ({@code pxTopOfStack} points at the lowest word of the context; every slot is one 32-bit word on RV32). The slots
 * moved twice in the kernel's history, so each layout is a value of this enum:
 *
 * <ul>
 *   <li>{@link #V10}: V10.2.0 to V10.6.2, 30 words: mepc, x1, x5..x31, mstatus;</li>
 *   <li>{@link #V11}: V11.0 and V11.1, 31 words: mepc, x1, x5..x31, the task's xCriticalNesting, mstatus;</li>
 *   <li>{@link #V11_3}: the kernel's main branch since its FPU support (after V11.1), 31 words: mepc, mstatus, x1,
 *       x5..x31, xCriticalNesting; with
 *       {@code configENABLE_FPU}, when the saved mstatus says the FPU state was dirty (FS = 3), f0..f31 and fcsr
 *       lie between the first two words and the integer registers (33 FLEN-sized slots).</li>
 * </ul>
 *
 * Chip-specific extra registers ({@code portasmADDITIONAL_CONTEXT_SIZE} other than 0) and the vector context of
 * {@code configENABLE_VPU} are not read: their size is known only to the port's assembler.
 */
enum RiscvPortContext {
    V10(30, 1, 2, 29, -1, "FreeRTOS V10.2 to V10.6"),
    V11(31, 1, 2, 30, 29, "FreeRTOS V11.0 to V11.1"),
    V11_3(31, 2, 3, 1, 30, "FreeRTOS after V11.1 (mstatus second, FPU block)");

    private static final int WORD = 4;
    private static final int MSTATUS_FS_SHIFT = 13;
    private static final int FS_DIRTY = 3;
    /** mstatus bits a machine-mode RV32 hart may hold: SIE, MIE, SPIE, MPIE, SPP, MPP, FS, XS, MPRV, SUM, MXR, TVM, TW, TSR, SD. */
    private static final int MSTATUS_KNOWN = 0x2 | 0x8 | 0x20 | 0x80 | 0x100 | 0x1800 | 0x6000 | 0x18000 | 0x20000
            | 0x40000 | 0x80000 | 0x100000 | 0x200000 | 0x400000 | 0x80000000;
    private static final int MSTATUS_SD = 0x80000000;

    /** Context size in words, without an FPU block. */
    final int words;
    private final int raSlot;
    /** Slot of x5 (t0); x6..x31 follow it. */
    private final int t0Slot;
    private final int mstatusSlot;
    /** Slot of the task's critical nesting count, -1 when the layout has none. */
    final int nestingSlot;
    final String versions;

    RiscvPortContext(int words, int raSlot, int t0Slot, int mstatusSlot, int nestingSlot, String versions) {
        this.words = words;
        this.raSlot = raSlot;
        this.t0Slot = t0Slot;
        this.mstatusSlot = mstatusSlot;
        this.nestingSlot = nestingSlot;
        this.versions = versions;
    }

    /**
     * Reads a saved context.
     *
     * @param top   the task's {@code pxTopOfStack}
     * @param flen  the FPU's register width in bytes (4 for F, 8 for D), 0 without an FPU
     */
    SavedContext read(MemoryReader memory, long top, int flen) {
        int t = (int) top;
        int pc = memory.read32(t);
        int mstatus = memory.read32(t + mstatusSlot * WORD);
        int fpuBytes = fpuBlockBytes(mstatus, flen);
        int core = t + fpuBytes;
        int[] x = new int[32];
        long mask = 1L | 1L << 1 | 1L << 2;
        x[1] = memory.read32(core + raSlot * WORD);
        for (int r = 5; r < 32; r++) {
            x[r] = memory.read32(core + (t0Slot + r - 5) * WORD);
            mask |= 1L << r;
        }
        x[2] = core + words * WORD;
        return new SavedContext(pc, x, mstatus, mask, versions);
    }

    /** Bytes of the FPU block of {@link #V11_3} that lies inside this context, given its saved mstatus. */
    int fpuBlockBytes(int mstatus, int flen) {
        if (this != V11_3 || flen == 0 || ((mstatus >>> MSTATUS_FS_SHIFT) & 3) != FS_DIRTY) {
            return 0;
        }
        return 33 * flen;
    }

    /**
     * Whether the words of a saved context look like this layout: its mstatus slot holds a machine-mode mstatus
     * (MPP = 3) and, where the layout has one, its critical-nesting slot a small count. Used to tell the V11.0 and
     * V11.3 layouts apart, which the program's symbols cannot.
     */
    boolean plausible(MemoryReader memory, long top) {
        int mstatus = memory.read32((int) top + mstatusSlot * WORD);
        if (((mstatus >>> 11) & 3) != 3 || (mstatus & ~MSTATUS_KNOWN) != 0) {
            return false;
        }
        if ((mstatus & MSTATUS_SD) != 0 && ((mstatus >>> MSTATUS_FS_SHIFT) & 3) != FS_DIRTY
                && ((mstatus >>> 15) & 3) != 3) {
            return false;
        }
        if (nestingSlot < 0) {
            return true;
        }
        int nesting = memory.read32((int) top + nestingSlot * WORD);
        return Integer.compareUnsigned(nesting, 0x100) < 0;
    }
}
