package dev.backstep.machine;

import java.util.function.Consumer;

/**
 * The whole machine state at one icount. RAM pages are shared copy-on-write with the live machine and
 * with other snapshots; the page table itself is a list of {@link PageChunk}s shared by identity with the
 * previous snapshot wherever nothing changed.
 */
public final class MachineSnapshot {
    final long icount;
    final long[] state;
    /** One entry per chunk of {@link PageChunk#SIZE} pages; null where all those pages are absent. */
    final PageChunk[] chunks;
    final int pageCount;
    final long ownBytes;
    /** Whether the next instruction continues a run ({@link ActivityMarks}): not guest state, not in digests. */
    final int continuing;
    final int runEntry;

    MachineSnapshot(long icount, long[] state, PageChunk[] chunks, int pageCount, long ownBytes, int continuing,
                    int runEntry) {
        this.icount = icount;
        this.continuing = continuing;
        this.runEntry = runEntry;
        this.state = state;
        this.chunks = chunks;
        this.pageCount = pageCount;
        this.ownBytes = ownBytes;
    }

    public long icount() {
        return icount;
    }

    /** Bytes of RAM pages this snapshot alone keeps alive (pages written since the previous snapshot). */
    public long ownBytes() {
        return ownBytes;
    }

    /**
     * Calls the visitor for every present RAM page, in address order. A page shared with other snapshots is
     * the same {@code byte[]} object in each, so callers can count shared pages once (by identity).
     */
    public void forEachPage(PageVisitor v) {
        for (PageChunk c : chunks) {
            if (c != null) {
                c.forEachPage(v);
            }
        }
    }

    /**
     * Calls the consumer for every non-empty chunk of the page table, in address order. Chunks are shared
     * (same object) with other snapshots whose pages in that range are the same, so an accounting that
     * counts each chunk once by identity, and visits a chunk's pages only the first time it sees the chunk,
     * costs O(chunks changed) per snapshot instead of O(RAM).
     */
    public void forEachChunk(Consumer<PageChunk> c) {
        for (PageChunk k : chunks) {
            if (k != null) {
                c.accept(k);
            }
        }
    }

    /** Heap bytes this snapshot holds besides its pages and chunks: registers, devices, the chunk list. */
    public long fixedBytes() {
        return 16 + 16 + 8L * state.length + 16 + 4L * chunks.length + 64;
    }

    /** Number of 4 KiB pages of RAM of the machine it was taken from. */
    public int ramPages() {
        return pageCount;
    }
}
