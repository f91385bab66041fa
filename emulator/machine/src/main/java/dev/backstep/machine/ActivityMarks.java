package dev.backstep.machine;

import java.util.Arrays;

/**
 * What the machine has done since the last {@link #take()}: which 64-byte granules of code it executed, which 64-byte
 * lines of RAM it wrote, which traps it entered. A layer above (replay's execution index) takes it at chosen
 * instruction boundaries, so that each take describes one stretch of execution. Marks may over-approximate (a granule
 * marked that did not run costs a replay later); they never miss.
 *
 * <p>The contract for code that executes guest instructions (the interpreter, a translator), kept cheap on the hot
 * path:
 * <ul>
 *   <li><b>Code</b>: before executing an instruction whose granule ({@code pc >>> 6}) differs from the previous
 *       instruction's, and for the first instruction of every chunk (a run loop turn), OR the granule's bit into the
 *       mask of its page: {@code codeMasks[codeSlot(pc)] |= 1L << (pc >>> GRANULE_SHIFT)} (Java masks the shift to
 *       the granule within the 4 KiB page). A translated region may instead OR, on entry, the masks of every granule
 *       it can execute ({@link #markCode(int, int)}): over-approximation is allowed.
 *   <li><b>Writes</b>: every store to RAM page {@code i} at address {@code a} ORs the line of its first byte:
 *       {@code writeMasks[i] |= 1L << (a >>> LINE_SHIFT)}. While tracking, a page not yet written since the last take
 *       is closed to the fast store path ({@link Ram}'s write view is null for it), so its first store takes the slow
 *       path, which lists the page and opens it again: the fast path itself never lists anything. A store may cover
 *       up to {@link #MAX_STORE} bytes from the marked line's address, so readers widen a range by that much.
 *   <li><b>Traps</b>: every trap entry ({@code RunLoop.enterTrap}) marks its cause.
 * </ul>
 * Pages are named by their number, {@code address >>> 12}, in what a take returns.
 */
public final class ActivityMarks {
    /** Code granules are 1 << 6 = 64 bytes. */
    public static final int GRANULE_SHIFT = 6;
    /** RAM lines for writes are 1 << 6 = 64 bytes. */
    public static final int LINE_SHIFT = 6;
    /** The widest store (bytes): a store marks the line of its first byte and may reach this far. */
    public static final int MAX_STORE = 8;

    private static final int ROM_PAGES = Bus.ROM_SIZE / Ram.PAGE;

    private final Ram ram;
    /** Per code slot: RAM pages 0..pageCount-1, then the reset ROM's pages. */
    final long[] codeMasks;
    /** Per RAM page. */
    final long[] writeMasks;
    private final boolean[] slotListed;
    private int[] codeSlots = new int[16];
    private int codeSlotCount;
    private int[] writtenPages = new int[16];
    private int writtenCount;
    private long exceptions;
    private long interrupts;
    private boolean tracking;

    ActivityMarks(Ram ram) {
        this.ram = ram;
        this.codeMasks = new long[ram.pageCount + ROM_PAGES];
        this.writeMasks = new long[ram.pageCount];
        this.slotListed = new boolean[codeMasks.length];
    }

    /** The code slot of pc (whose page must be RAM or ROM). */
    int codeSlot(int pc) {
        int i = ram.index(pc);
        return i >= 0 ? i : ram.pageCount + ((pc - Bus.ROM_BASE) >>> 12);
    }

    /** A code page is in use at this slot (called when its decode array is made): takes look at it from now on. */
    void codeSlotInUse(int slot) {
        if (!slotListed[slot]) {
            slotListed[slot] = true;
            if (codeSlotCount == codeSlots.length) {
                codeSlots = Arrays.copyOf(codeSlots, codeSlotCount * 2);
            }
            codeSlots[codeSlotCount++] = slot;
        }
    }

    /**
     * Marks every granule of [from, to) as executed: for a translated region, on entry. The pages must hold code
     * (RAM or the reset ROM).
     */
    public void markCode(int from, int to) {
        for (long a = Integer.toUnsignedLong(from) & ~((1L << GRANULE_SHIFT) - 1); a < Integer.toUnsignedLong(to);
             a += 1L << GRANULE_SHIFT) {
            int slot = codeSlot((int) a);
            codeSlotInUse(slot);
            codeMasks[slot] |= 1L << (a >>> GRANULE_SHIFT);
        }
    }

    /** A store's slow path, or a debugger's write, wrote at addr on RAM page i. */
    void written(int i, int addr) {
        writeMasks[i] |= 1L << (addr >>> LINE_SHIFT);
        if (tracking && (ram.flags[i] & Ram.LISTED) == 0) {
            if (writtenCount == writtenPages.length) {
                writtenPages = Arrays.copyOf(writtenPages, writtenCount * 2);
            }
            writtenPages[writtenCount++] = i;
            ram.setFlag(i, Ram.LISTED, true); // open to the fast path until the next take
        }
    }

    void trapEntered(int cause) {
        if (cause < 0) {
            interrupts |= 1L << Math.min(cause & 0x7FFF_FFFF, 63);
        } else {
            exceptions |= 1L << Math.min(cause, 63);
        }
    }

    public boolean tracking() {
        return tracking;
    }

    /**
     * Turns tracking on or off. Off, nothing is listed and stores to RAM take the fast path as before; what a take
     * returns is then meaningless. On, marks start from nothing (as after a take).
     */
    public void setTracking(boolean on) {
        if (on == tracking) {
            return;
        }
        tracking = on;
        Arrays.fill(codeMasks, 0);
        Arrays.fill(writeMasks, 0);
        writtenCount = 0;
        exceptions = interrupts = 0;
        ram.setTrackWrites(on); // every page closed (on) or opened (off) to the fast store path
    }

    /** Forgets everything marked since the last take (the machine state jumped: a restore, a reset). */
    public void discard() {
        if (tracking) {
            take(false);
        }
    }

    /** What was marked since the last take (or discard, or since tracking began), and starts over. */
    public Activity take() {
        if (!tracking) {
            throw new IllegalStateException("activity tracking is off");
        }
        return take(true);
    }

    private Activity take(boolean collect) {
        int[] cp = collect ? new int[codeSlotCount] : null;
        long[] cm = collect ? new long[codeSlotCount] : null;
        int nc = 0;
        for (int k = 0; k < codeSlotCount; k++) {
            int slot = codeSlots[k];
            long m = codeMasks[slot];
            if (m != 0) {
                codeMasks[slot] = 0;
                if (collect) {
                    cp[nc] = slot < ram.pageCount ? (ram.base >>> 12) + slot : (Bus.ROM_BASE >>> 12) + slot - ram.pageCount;
                    cm[nc++] = m;
                }
            }
        }
        int[] wp = collect ? new int[writtenCount] : null;
        long[] wm = collect ? new long[writtenCount] : null;
        for (int k = 0; k < writtenCount; k++) {
            int i = writtenPages[k];
            if (collect) {
                wp[k] = (ram.base >>> 12) + i;
                wm[k] = writeMasks[i];
            }
            writeMasks[i] = 0;
            ram.setFlag(i, Ram.LISTED, false);
        }
        int nw = writtenCount;
        writtenCount = 0;
        long ex = exceptions;
        long in = interrupts;
        exceptions = interrupts = 0;
        if (!collect) {
            return null;
        }
        return Activity.of(Arrays.copyOf(cp, nc), Arrays.copyOf(cm, nc), wp, wm, ex, in);
    }
}
