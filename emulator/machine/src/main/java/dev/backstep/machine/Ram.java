package dev.backstep.machine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Guest RAM as lazily allocated 4 KiB pages. Two views make the fast paths a single null check:
 * {@code readPages[i]} is the page (or a shared zero page) unless reads are watched, and
 * {@code writePages[i]} is the page only when a store may go straight in (allocated, not shared with
 * a snapshot, holding no decoded code, not write-watched, and — while {@link ActivityMarks} tracks writes — already
 * written since the last take).
 */
final class Ram {
    static final int PAGE = 4096;
    static final int SHARED = 1, CODE = 2, WATCH_R = 4, WATCH_W = 8;
    /** Written since the last activity take while writes are tracked ({@link ActivityMarks}): open to fast stores. */
    static final int LISTED = 16;
    /** Holds data a debug trigger watches ({@link Triggers}): loads and stores take the slow path. */
    static final int TRIGGER = 32;
    static final byte[] ZERO = new byte[PAGE];
    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final int base;
    final long size;
    final int pageCount;
    final byte[][] pages;
    final byte[][] readPages;
    final byte[][] writePages;
    final byte[] flags;
    /** Writes are tracked: a page's first store after a take goes the slow way (see {@link ActivityMarks}). */
    private boolean trackWrites;
    /** What was executed and written since the last take. */
    final ActivityMarks marks;

    Ram(int base, long size) {
        this.base = base;
        this.size = size;
        this.pageCount = (int) (size / PAGE);
        this.pages = new byte[pageCount][];
        this.readPages = new byte[pageCount][];
        this.writePages = new byte[pageCount][];
        this.flags = new byte[pageCount];
        java.util.Arrays.fill(readPages, ZERO);
        this.baseTable = new PageChunk[chunkCount()];
        this.marks = new ActivityMarks(this);
    }

    /** Page index of addr, or -1 outside RAM. */
    int index(int addr) {
        long off = Integer.toUnsignedLong(addr - base);
        return off < size ? (int) (off >>> 12) : -1;
    }

    void refresh(int i) {
        byte[] p = pages[i];
        int f = flags[i];
        readPages[i] = (f & (WATCH_R | TRIGGER)) != 0 ? null : p == null ? ZERO : p;
        writePages[i] = p == null || (f & (SHARED | CODE | WATCH_W | TRIGGER)) != 0 || (trackWrites && (f & LISTED) == 0)
                || !marks.hasWriteMasks(i) ? null : p;
    }

    void setTrackWrites(boolean on) {
        trackWrites = on;
        for (int i = 0; i < pageCount; i++) {
            flags[i] &= ~LISTED;
            refresh(i);
        }
    }

    void setFlag(int i, int flag, boolean on) {
        flags[i] = (byte) (on ? flags[i] | flag : flags[i] & ~flag);
        refresh(i);
    }

    /** The page for reading (ZERO when absent). */
    byte[] pageForRead(int i) {
        byte[] p = pages[i];
        return p == null ? ZERO : p;
    }

    /** The page for writing: allocated, or copied if it is shared with a snapshot. */
    byte[] pageForWrite(int i) {
        byte[] p = pages[i];
        if (p == null) {
            p = new byte[PAGE];
            pages[i] = p;
            markDirty(i);
            refresh(i);
        } else if ((flags[i] & SHARED) != 0) {
            p = p.clone();
            pages[i] = p;
            flags[i] &= ~SHARED;
            markDirty(i);
            refresh(i);
        }
        return p;
    }

    // ---- snapshots: the live table is always `baseTable` (the last snapshot taken or restored) plus the
    // pages listed in `dirty` (allocated or copied since), so both directions cost O(pages changed).

    /** Told when a restore replaces a page that holds decoded code. */
    interface PageReplacement {
        void replaced(int page, byte[] before, byte[] after);
    }

    PageReplacement codePageReplaced = (i, b, a) -> { };
    private PageChunk[] baseTable;
    private int[] dirty = new int[64];
    private int dirtyCount;

    private void markDirty(int i) {
        if (dirtyCount == dirty.length) {
            dirty = java.util.Arrays.copyOf(dirty, dirtyCount * 2);
        }
        dirty[dirtyCount++] = i;
    }

    int chunkCount() {
        return (pageCount + PageChunk.SIZE - 1) >> PageChunk.SHIFT;
    }

    /** Pages allocated or copied since the last snapshot / restore. */
    int dirtyCount() {
        return dirtyCount;
    }

    /**
     * The page table as a snapshot sees it: the previous one with the chunks holding dirty pages rebuilt.
     * Marks those pages shared, so the next store to them copies.
     */
    PageChunk[] takeSnapshot() {
        PageChunk[] prev = baseTable;
        PageChunk[] t = prev.clone();
        for (int d = 0; d < dirtyCount; d++) {
            int i = dirty[d];
            int k = i >> PageChunk.SHIFT;
            if (t[k] == prev[k]) {
                int first = k << PageChunk.SHIFT;
                t[k] = PageChunk.copyOf(pages, first, Math.min(PageChunk.SIZE, pageCount - first));
            }
            flags[i] |= SHARED;
            writePages[i] = null;
        }
        dirtyCount = 0;
        baseTable = t;
        return t;
    }

    /** Puts back a snapshot's pages: only those that differ from the live table are touched. */
    void restore(PageChunk[] t) {
        PageChunk[] prev = baseTable;
        for (int d = 0; d < dirtyCount; d++) {
            int i = dirty[d];
            replace(i, entry(t, i));
        }
        dirtyCount = 0;
        for (int k = 0; k < t.length; k++) {
            PageChunk c = t[k];
            if (c == prev[k]) {
                continue;
            }
            int first = k << PageChunk.SHIFT;
            int n = Math.min(PageChunk.SIZE, pageCount - first);
            for (int j = 0; j < n; j++) {
                byte[] p = c == null ? null : c.page(j);
                if (pages[first + j] != p) {
                    replace(first + j, p);
                }
            }
        }
        baseTable = t;
    }

    private static byte[] entry(PageChunk[] t, int i) {
        PageChunk c = t[i >> PageChunk.SHIFT];
        return c == null ? null : c.page(i & (PageChunk.SIZE - 1));
    }

    private void replace(int i, byte[] p) {
        byte[] before = pages[i];
        pages[i] = p;
        int f = flags[i] & ~SHARED;
        if (p != null) {
            f |= SHARED;
        }
        flags[i] = (byte) f;
        if ((f & CODE) != 0) {
            codePageReplaced.replaced(i, before, p);
        }
        refresh(i);
    }

    void clear() {
        java.util.Arrays.fill(pages, null);
        baseTable = new PageChunk[chunkCount()];
        dirtyCount = 0;
        for (int i = 0; i < pageCount; i++) {
            flags[i] &= WATCH_R | WATCH_W | LISTED | TRIGGER;
            refresh(i);
        }
    }

    static boolean isZero(byte[] p) {
        for (int o = 0; o < PAGE; o += 8) {
            if ((long) I64.get(p, o) != 0) {
                return false;
            }
        }
        return true;
    }
}
