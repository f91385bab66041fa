package dev.backstep.machine;

import java.util.Arrays;

/**
 * What the machine has done since the last {@link #take()}: where it entered runs of code (per 64-byte granule, the
 * offsets at which straight-line runs began), which 4-byte words of RAM its stores began in, which traps it entered. A layer above
 * (replay's execution index) takes it at chosen instruction boundaries, so that each take describes one stretch of
 * execution. Marks may over-approximate (something marked that did not happen costs a replay later); they never miss.
 *
 * <p>Why entries and not just granules: an instruction at pc ran in a stretch only if some run began in its granule at
 * or below it (a run goes up through the granule until a jump or the next granule). So a query for pc tells apart
 * code that shares a granule with it, when that code is only entered above it (a trap vector right after the start-up
 * code, the next function after a hot one returns).
 *
 * <p>The contract for code that executes guest instructions (the interpreter, a translator), kept cheap on the hot
 * path:
 * <ul>
 *   <li><b>Code</b>: before executing an instruction whose granule ({@code pc >>> 6}) differs from the previous
 *       instruction's, or that a taken jump or branch reached, and for the first instruction of every chunk (a run
 *       loop turn), set the bit of its halfword offset in the granule's entry mask:
 *       {@code entries(codeSlot(pc))[(pc >>> 6) & 63] |= 1 << (pc >>> 1)} (Java masks the shift to the 32 halfwords
 *       of the granule). The interpreter keeps the granule of the last instruction in a local and clears it on taken
 *       jumps and branches, so the check is one compare per instruction. A translated region may instead mark, on
 *       entry, every granule it can execute as entered at its start ({@link #markCode(int, int)}): over-approximation
 *       is allowed.
 *   <li><b>Writes</b>: every store to RAM page {@code i} at address {@code a} ORs the word of its first byte:
 *       {@code writeMasks[i][(a >>> 8) & 15] |= 1L << (a >>> 2)}. A page is open to the fast store path ({@link Ram}'s
 *       write view) only once it has its masks and, while tracking, once written since the last take: its first
 *       store takes the slow path, which lists the page and opens it again, so the fast path never lists anything. A
 *       store may cover up to {@link #MAX_STORE} bytes from the marked word, so readers widen a range by that much.
 *   <li><b>Traps</b>: every trap entry ({@code RunLoop.enterTrap}) marks its cause.
 * </ul>
 * Pages are named by their number, {@code address >>> 12}, in what a take returns.
 */
public final class ActivityMarks {
    /** Code granules are 1 << 6 = 64 bytes: 32 halfword offsets, one bit each in an entry mask. */
    public static final int GRANULE_SHIFT = 6;
    /** Writes are marked per 4-byte word (1 << 2): the word of a store's first byte. */
    public static final int WORD_SHIFT = 2;
    /** Write marks come in groups of 64 words (256 bytes, 1 << 8): a 64-bit mask per group. */
    public static final int WRITE_GROUP_SHIFT = 8;
    /** The widest store (bytes): a store marks the word of its first byte and may reach this far. */
    public static final int MAX_STORE = 8;

    private static final int ROM_PAGES = Bus.ROM_SIZE / Ram.PAGE;

    private final Ram ram;
    /** Per code slot (RAM pages 0..pageCount-1, then the reset ROM's pages): 64 granule entry masks, made on use. */
    private final int[][] entryMasks;
    /** Per RAM page, once written: 16 group masks (the fast store path ORs into these; see {@link Ram#refresh}). */
    final long[][] writeMasks;
    private int[] codeSlots = new int[16];
    private int codeSlotCount;
    private int[] writtenPages = new int[16];
    private int writtenCount;
    private long exceptions;
    private long interrupts;
    private boolean tracking;
    /**
     * Whether the next instruction continues a run (the granule of the previous one, or'ed with 2) or begins one (1):
     * kept by the interpreter across chunks, so that where a run loop turn or a machine run happens to end does not
     * change the marks. Part of the machine state in snapshots, not in digests.
     */
    int continuing = 1;
    /** Where the current run entered its granule: a branch back below it begins a new run. In snapshots too. */
    int runEntry;

    ActivityMarks(Ram ram) {
        this.ram = ram;
        this.entryMasks = new int[ram.pageCount + ROM_PAGES][];
        this.writeMasks = new long[ram.pageCount][];
    }

    /** The code slot of pc (whose page must be RAM or ROM). */
    int codeSlot(int pc) {
        int i = ram.index(pc);
        return i >= 0 ? i : ram.pageCount + ((pc - Bus.ROM_BASE) >>> 12);
    }

    /** The 64 granule entry masks of a code slot (made, and looked at by takes, from its first use). */
    int[] entries(int slot) {
        int[] e = entryMasks[slot];
        if (e == null) {
            e = new int[64];
            entryMasks[slot] = e;
            if (codeSlotCount == codeSlots.length) {
                codeSlots = Arrays.copyOf(codeSlots, codeSlotCount * 2);
            }
            codeSlots[codeSlotCount++] = slot;
        }
        return e;
    }

    /**
     * Marks every granule of [from, to) as entered at its start, so that every instruction in it may have run: for a
     * translated region, on entry. The pages must hold code (RAM or the reset ROM).
     */
    public void markCode(int from, int to) {
        for (long a = Integer.toUnsignedLong(from) & ~((1L << GRANULE_SHIFT) - 1); a < Integer.toUnsignedLong(to);
             a += 1L << GRANULE_SHIFT) {
            entries(codeSlot((int) a))[(int) (a >>> GRANULE_SHIFT) & 63] |= 1;
        }
    }

    /** Whether page i has its write masks: only then may stores take the fast path (which marks into them). */
    boolean hasWriteMasks(int i) {
        return writeMasks[i] != null;
    }

    /** A store's slow path, or a debugger's write, wrote at addr on RAM page i. */
    void written(int i, int addr) {
        long[] w = writeMasks[i];
        boolean fresh = w == null;
        if (fresh) {
            w = new long[Ram.PAGE >> WRITE_GROUP_SHIFT];
            writeMasks[i] = w;
        }
        w[(addr >>> WRITE_GROUP_SHIFT) & 15] |= 1L << (addr >>> WORD_SHIFT);
        if (tracking && (ram.flags[i] & Ram.LISTED) == 0) {
            if (writtenCount == writtenPages.length) {
                writtenPages = Arrays.copyOf(writtenPages, writtenCount * 2);
            }
            writtenPages[writtenCount++] = i;
            ram.setFlag(i, Ram.LISTED, true); // open to the fast path until the next take
        } else if (fresh) {
            ram.refresh(i);
        }
    }

    /** The next instruction begins a run: a trap entry, a debugger moved the pc, a reset. */
    void beginRun() {
        continuing = 1;
    }

    /**
     * Makes the next instruction begin a run, as a jump to it would: a reader that files takes by stretch (windows of
     * the execution index) calls this where a stretch begins, so that a run crossing into it is entered there.
     */
    public void breakRun() {
        continuing = 1;
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
        for (int k = 0; k < codeSlotCount; k++) {
            Arrays.fill(entryMasks[codeSlots[k]], 0);
        }
        for (long[] w : writeMasks) {
            if (w != null) {
                Arrays.fill(w, 0);
            }
        }
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
        int n = 0;
        for (int k = 0; k < codeSlotCount; k++) {
            for (int e : entryMasks[codeSlots[k]]) {
                if (e != 0) {
                    n++;
                }
            }
        }
        int[] cg = collect ? new int[n] : null;
        int[] ce = collect ? new int[n] : null;
        int nc = 0;
        for (int k = 0; k < codeSlotCount; k++) {
            int slot = codeSlots[k];
            int[] masks = entryMasks[slot];
            int firstGranule = (slot < ram.pageCount ? ram.base + (slot << 12)
                    : Bus.ROM_BASE + ((slot - ram.pageCount) << 12)) >>> GRANULE_SHIFT;
            for (int g = 0; g < 64; g++) {
                if (masks[g] != 0) {
                    if (collect) {
                        cg[nc] = firstGranule + g;
                        ce[nc++] = masks[g];
                    }
                    masks[g] = 0;
                }
            }
        }
        int groups = 0;
        for (int k = 0; k < writtenCount; k++) {
            for (long m : writeMasks[writtenPages[k]]) {
                if (m != 0) {
                    groups++;
                }
            }
        }
        int[] wg = collect ? new int[groups] : null;
        long[] wm = collect ? new long[groups] : null;
        int nw = 0;
        for (int k = 0; k < writtenCount; k++) {
            int i = writtenPages[k];
            long[] w = writeMasks[i];
            for (int g = 0; g < w.length; g++) {
                if (w[g] != 0) {
                    if (collect) {
                        wg[nw] = ((ram.base + (i << 12)) >>> WRITE_GROUP_SHIFT) + g;
                        wm[nw++] = w[g];
                    }
                    w[g] = 0;
                }
            }
            ram.setFlag(i, Ram.LISTED, false);
        }
        writtenCount = 0;
        long ex = exceptions;
        long in = interrupts;
        exceptions = interrupts = 0;
        if (!collect) {
            return null;
        }
        return Activity.of(cg, ce, wg, wm, ex, in);
    }
}
