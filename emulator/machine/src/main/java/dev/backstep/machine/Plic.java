package dev.backstep.machine;

/**
 * Platform-level interrupt controller as on QEMU virt: priorities at 4*src, pending at 0x1000,
 * per-context enables at 0x2000 + 0x80*ctx, threshold / claim at 0x200000 + 0x1000*ctx.
 * Context 0 is hart 0 M-mode (drives MEIP), context 1 its S-mode (stored only).
 */
final class Plic implements Mmio {
    static final int SOURCES = 96;
    private static final int WORDS = SOURCES / 32;
    private static final int CONTEXTS = 2;

    private final Signals signals;
    final int[] priority = new int[SOURCES];
    final int[] pending = new int[WORDS];
    final int[] claimed = new int[WORDS];
    final int[][] enable = new int[CONTEXTS][WORDS];
    final int[] threshold = new int[CONTEXTS];

    Plic(Signals signals) {
        this.signals = signals;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(priority, 0);
        java.util.Arrays.fill(pending, 0);
        java.util.Arrays.fill(claimed, 0);
        for (int[] e : enable) {
            java.util.Arrays.fill(e, 0);
        }
        java.util.Arrays.fill(threshold, 0);
        dirty = true;
    }

    /** A source's level changed (or was re-asserted); level-high sets pending like QEMU's PLIC. */
    void setLevel(int src, boolean high) {
        int bit = 1 << (src & 31);
        int before = pending[src >> 5];
        if (high) {
            pending[src >> 5] |= bit;
        } else {
            pending[src >> 5] &= ~bit;
        }
        if (before != pending[src >> 5]) {
            dirty = true;
            signals.endChunk();
        }
    }

    /** Highest-priority pending enabled source above the threshold for a context, or 0. */
    private int best(int ctx) {
        int best = 0;
        int bestPrio = threshold[ctx];
        for (int s = 1; s < SOURCES; s++) {
            int bit = 1 << (s & 31);
            if ((pending[s >> 5] & enable[ctx][s >> 5] & bit) != 0 && (claimed[s >> 5] & bit) == 0
                    && priority[s] > bestPrio) {
                best = s;
                bestPrio = priority[s];
            }
        }
        return best;
    }

    /** Cached MEIP level: recomputed only after the PLIC state changed (the run loop asks every chunk). */
    private boolean meip;
    private boolean dirty = true;

    boolean meip() {
        if (dirty) {
            meip = best(0) != 0;
            dirty = false;
        }
        return meip;
    }

    @Override
    public int read(int off, int size, long icount) {
        if (off >= 0x200000 && (off & 0xFFF) == 4) {
            int ctx = (off - 0x200000) >> 12;
            if (ctx < CONTEXTS) {
                int s = best(ctx);
                if (s != 0) {
                    pending[s >> 5] &= ~(1 << (s & 31));
                    claimed[s >> 5] |= 1 << (s & 31);
                    dirty = true;
                    signals.endChunk();
                }
                return s;
            }
        }
        return peek(off, size);
    }

    @Override
    public int peek(int off, int size) {
        if (off < SOURCES * 4) {
            return priority[off >> 2];
        }
        if (off >= 0x1000 && off < 0x1000 + WORDS * 4) {
            return pending[(off - 0x1000) >> 2];
        }
        if (off >= 0x2000 && off < 0x2000 + CONTEXTS * 0x80) {
            int ctx = (off - 0x2000) >> 7;
            int word = ((off - 0x2000) & 0x7F) >> 2;
            return word < WORDS ? enable[ctx][word] : 0;
        }
        if (off >= 0x200000) {
            int ctx = (off - 0x200000) >> 12;
            if (ctx < CONTEXTS && (off & 0xFFF) == 0) {
                return threshold[ctx];
            }
        }
        return 0;
    }

    @Override
    public void write(int off, int size, int value, long icount) {
        if (off < SOURCES * 4) {
            if (off >= 4) {
                priority[off >> 2] = value & 7;
            }
        } else if (off >= 0x2000 && off < 0x2000 + CONTEXTS * 0x80) {
            int ctx = (off - 0x2000) >> 7;
            int word = ((off - 0x2000) & 0x7F) >> 2;
            if (word < WORDS) {
                enable[ctx][word] = word == 0 ? value & ~1 : value;
            }
        } else if (off >= 0x200000) {
            int ctx = (off - 0x200000) >> 12;
            if (ctx < CONTEXTS) {
                if ((off & 0xFFF) == 0) {
                    threshold[ctx] = value & 7;
                } else if ((off & 0xFFF) == 4 && value > 0 && value < SOURCES) {
                    if ((enable[ctx][value >> 5] & (1 << (value & 31))) != 0) {
                        claimed[value >> 5] &= ~(1 << (value & 31));
                    }
                }
            }
        }
        dirty = true;
        signals.endChunk();
    }

    @Override
    public void save(StateWriter w) {
        for (int p : priority) {
            w.put(p);
        }
        for (int i = 0; i < WORDS; i++) {
            w.put(pending[i]);
            w.put(claimed[i]);
            for (int c = 0; c < CONTEXTS; c++) {
                w.put(enable[c][i]);
            }
        }
        for (int t : threshold) {
            w.put(t);
        }
    }

    @Override
    public void load(StateReader r) {
        for (int i = 0; i < SOURCES; i++) {
            priority[i] = r.getInt();
        }
        for (int i = 0; i < WORDS; i++) {
            pending[i] = r.getInt();
            claimed[i] = r.getInt();
            for (int c = 0; c < CONTEXTS; c++) {
                enable[c][i] = r.getInt();
            }
        }
        for (int c = 0; c < CONTEXTS; c++) {
            threshold[c] = r.getInt();
        }
        dirty = true;
    }
}
