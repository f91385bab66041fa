package dev.backstep.machine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The translated regions of one machine: where they can be entered (per RAM page, per half-word), which code they
 * were made from (per RAM page, a bit per half-word, so that a store into code finds them at once), and their size.
 * Anything that changes code drops the regions made from it: a store into it, a restore that replaces its page, a
 * breakpoint added in it, fence.i and reset (everything). The cache is bounded (least recently entered regions are
 * dropped first) and never part of a snapshot; a dropped region's class is unreachable and unloads with the next
 * collections.
 */
final class TranslationCache {
    static final long DEFAULT_LIMIT = 64L << 20;
    private static final int SLOTS = Ram.PAGE / 2;

    /** A place where a region can be entered: the start of one of its blocks. */
    static final class Entry {
        final Translation translation;
        final Region code;
        final int index;
        /** Instructions of the block starting here: the run must have that much budget left to enter. */
        final int blockLength;
        /** The decoded instruction at the entry, for the interpreter when the block does not fit (see Cpu.ENTRY). */
        final long decoded;

        Entry(Translation translation, int index, int blockLength, long decoded) {
            this.translation = translation;
            this.code = translation.code;
            this.index = index;
            this.blockLength = blockLength;
            this.decoded = decoded;
        }
    }

    /** One installed region and what it was made from. */
    static final class Translation {
        final Region code;
        final int bytes;
        /** RAM offsets of its instructions: [start, end) per block. */
        final int[] starts;
        final int[] ends;
        final Entry[] entries;
        /** Pages its code lies on. */
        final int[] pages;
        long lastUsed;
        boolean dropped;
        /** Times the dispatcher entered it, counted up to the last warm-up (see Translator#rewarm). */
        int calls;

        Translation(Region code, int bytes, int[] starts, int[] ends, int[] blockLengths, long[] firsts, int[] pages) {
            this.code = code;
            this.bytes = bytes;
            this.starts = starts;
            this.ends = ends;
            this.pages = pages;
            this.entries = new Entry[starts.length];
            for (int b = 0; b < starts.length; b++) {
                entries[b] = new Entry(this, b, blockLengths[b], firsts[b]);
            }
        }

        boolean overlaps(int from, int to) {
            for (int b = 0; b < starts.length; b++) {
                if (starts[b] < to && from < ends[b]) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Page {
        final Entry[] entries = new Entry[SLOTS];
        /** A bit per half-word holding translated code. */
        final long[] covered = new long[SLOTS / 64];
        final List<Translation> regions = new ArrayList<>(2);
    }

    private final Cpu cpu;
    private final int ramBase;
    private final Page[] pages;
    private final java.util.Set<Translation> live = new java.util.LinkedHashSet<>();
    private final Signals signals;
    private long limit = DEFAULT_LIMIT;
    private long bytes;
    private long clock;
    private long installed;
    private long droppedCount;

    TranslationCache(Cpu cpu, Ram ram, Signals signals) {
        this.cpu = cpu;
        this.ramBase = ram.base;
        this.pages = new Page[ram.pageCount];
        this.signals = signals;
    }

    /** Bytes of generated classes kept before the least recently entered regions are dropped. */
    void setLimit(long bytes) {
        this.limit = bytes;
        evict();
    }

    long bytes() {
        return bytes;
    }

    int regionCount() {
        return live.size();
    }

    /** Regions installed and dropped since the machine was built (tests and statistics). */
    long installedCount() {
        return installed;
    }

    /** The installed regions' code (tests follow them to see dropped classes unload). */
    List<Region> regions() {
        List<Region> all = new ArrayList<>();
        for (Translation t : live) {
            all.add(t.code);
        }
        return all;
    }

    long droppedCount() {
        return droppedCount;
    }

    /** The entry at pc, or null (the hot path of the dispatcher: two array reads). */
    Entry entryAt(int pc) {
        int i = (pc ^ 0x8000_0000) >>> 12;
        if (i >= pages.length) {
            return null;
        }
        Page p = pages[i];
        return p == null ? null : p.entries[(pc & 0xFFF) >>> 1];
    }

    boolean hasEntry(int pc) {
        return entryAt(pc) != null;
    }

    /** The dispatcher enters t now (LRU order). */
    void touch(Translation t) {
        t.lastUsed = ++clock;
    }

    // ---------------------------------------------------------------- installing and dropping

    /**
     * Installs a compiled region: its blocks become entries (marked in the decode cache, so the interpreter hands
     * over when it reaches one), its code is covered. Entries of older regions at the same pcs are replaced.
     */
    Translation install(Region code, int classBytes, RegionPlan plan) {
        List<RegionPlan.Block> blocks = plan.blocks();
        int n = blocks.size();
        int[] starts = new int[n];
        int[] ends = new int[n];
        int[] lengths = new int[n];
        long[] firsts = new long[n];
        java.util.TreeSet<Integer> touched = new java.util.TreeSet<>();
        for (int b = 0; b < n; b++) {
            RegionPlan.Block block = blocks.get(b);
            starts[b] = block.start() - ramBase;
            ends[b] = block.last().next() - ramBase;
            lengths[b] = block.length();
            firsts[b] = block.insns().get(0).decoded();
            for (int p = starts[b] >>> 12; p <= (ends[b] - 1) >>> 12; p++) {
                touched.add(p);
            }
        }
        int[] pageList = touched.stream().mapToInt(Integer::intValue).toArray();
        Translation t = new Translation(code, classBytes, starts, ends, lengths, firsts, pageList);
        for (int p : pageList) {
            Page page = pages[p];
            if (page == null) {
                page = new Page();
                pages[p] = page;
            }
            page.regions.add(t);
            cover(page, p, t);
        }
        for (int b = 0; b < n; b++) {
            int off = starts[b];
            pages[off >>> 12].entries[(off & 0xFFF) >>> 1] = t.entries[b];
            cpu.markEntry(off + ramBase);
        }
        live.add(t);
        bytes += classBytes;
        installed++;
        touch(t);
        evict();
        return t;
    }

    private static void cover(Page page, int pageIndex, Translation t) {
        int base = pageIndex << 12;
        for (int b = 0; b < t.starts.length; b++) {
            int from = Math.max(t.starts[b], base);
            int to = Math.min(t.ends[b], base + Ram.PAGE);
            if (from >= to) {
                continue;
            }
            for (int h = (from - base) >>> 1; h < (to - base + 1) >>> 1; h++) {
                page.covered[h >>> 6] |= 1L << h;
            }
        }
    }

    private void drop(Translation t) {
        if (t.dropped) {
            return;
        }
        t.dropped = true;
        for (int b = 0; b < t.starts.length; b++) {
            int off = t.starts[b];
            Page page = pages[off >>> 12];
            int slot = (off & 0xFFF) >>> 1;
            if (page.entries[slot] == t.entries[b]) {
                page.entries[slot] = null;
                cpu.unmarkEntry(off + ramBase);
            }
        }
        for (int p : t.pages) {
            Page page = pages[p];
            page.regions.remove(t);
            java.util.Arrays.fill(page.covered, 0);
            for (Translation other : page.regions) {
                cover(page, p, other);
            }
        }
        live.remove(t);
        bytes -= t.bytes;
        droppedCount++;
    }

    /** Least recently entered regions go until the generated bytes are within the limit. */
    private void evict() {
        if (bytes <= limit) {
            return;
        }
        List<Translation> byAge = new ArrayList<>(live);
        byAge.sort(Comparator.comparingLong(t -> t.lastUsed));
        for (Translation t : byAge) {
            if (bytes <= limit * 3 / 4) {
                break;
            }
            drop(t);
        }
    }

    // ---------------------------------------------------------------- code changes

    /** A store of size bytes at offset off of RAM page i (a code page): drops the regions made from those bytes. */
    void stored(int i, int off, int size) {
        Page page = pages[i];
        if (page == null) {
            return;
        }
        boolean hit = false;
        for (int h = off >>> 1; h <= (off + size - 1) >>> 1 && h < SLOTS; h++) {
            if ((page.covered[h >>> 6] & (1L << h)) != 0) {
                hit = true;
                break;
            }
        }
        if (!hit) {
            return;
        }
        int from = (i << 12) + off;
        int to = from + size;
        for (Translation t : List.copyOf(page.regions)) {
            if (t.overlaps(from, to)) {
                drop(t);
            }
        }
        signals.endChunk(); // the running region may be one of them: it stops after this store
    }

    /**
     * A restore replaced RAM page i with other contents: the regions whose code bytes on it changed go.
     *
     * @return whether translated code remains on the page
     */
    boolean pageReplaced(int i, byte[] before, byte[] after) {
        Page page = pages[i];
        if (page == null || page.regions.isEmpty()) {
            return false;
        }
        int base = i << 12;
        boolean dropped = false;
        for (Translation t : List.copyOf(page.regions)) {
            for (int b = 0; b < t.starts.length; b++) {
                int from = Math.max(t.starts[b], base) - base;
                int to = Math.min(t.ends[b], base + Ram.PAGE) - base;
                if (from < to && !java.util.Arrays.equals(before, from, to, after, from, to)) {
                    drop(t);
                    dropped = true;
                    break;
                }
            }
        }
        if (dropped) {
            signals.endChunk();
        }
        return !page.regions.isEmpty();
    }

    /** RAM page i got other contents (a restore): every region made from it goes. */
    void pageChanged(int i) {
        Page page = pages[i];
        if (page == null || page.regions.isEmpty()) {
            return;
        }
        for (Translation t : List.copyOf(page.regions)) {
            drop(t);
        }
        signals.endChunk();
    }

    /** A breakpoint at pc: translated code must stop before it, so the regions holding it go. */
    void breakpointAdded(int pc) {
        int i = (pc ^ 0x8000_0000) >>> 12;
        if (i < pages.length && pages[i] != null) {
            stored(i, pc & 0xFFF, 2);
        }
    }

    /** fence.i, reset: everything goes. */
    void clear() {
        if (live.isEmpty()) {
            return;
        }
        for (Translation t : List.copyOf(live)) {
            drop(t);
        }
        signals.endChunk();
    }
}
