package dev.backstep.machine;

/**
 * A run of {@link #SIZE} consecutive entries of a snapshot's page table. Snapshots share a chunk (the
 * same object) when none of its pages changed between them, so a snapshot costs the chunks holding
 * pages written since the previous one, not a table as large as RAM. Budget accounting can count
 * each chunk, and each page, once by identity. Immutable.
 */
public final class PageChunk {
    /** Pages per chunk (256 KiB of guest RAM). */
    public static final int SIZE = 64;
    static final int SHIFT = 6;
    /** Heap footprint of one chunk's table: two object headers and one (compressed) reference per entry. */
    private static final int BYTES = 16 + 16 + 4 * SIZE;

    private final int firstPage;
    private final byte[][] pages;

    private PageChunk(int firstPage, byte[][] pages) {
        this.firstPage = firstPage;
        this.pages = pages;
    }

    /** The entries [first, first + n) of a live page table; null when all of them are absent. */
    static PageChunk copyOf(byte[][] live, int first, int n) {
        byte[][] p = new byte[n][];
        boolean any = false;
        for (int j = 0; j < n; j++) {
            p[j] = live[first + j];
            any |= p[j] != null;
        }
        return any ? new PageChunk(first, p) : null;
    }

    byte[] page(int j) {
        return pages[j];
    }

    /** Index (from the start of RAM) of the chunk's first page. */
    public int firstPage() {
        return firstPage;
    }

    /** Number of page-table entries in this chunk (present or absent). */
    public int entries() {
        return pages.length;
    }

    /** Calls the visitor for every present page of the chunk, in address order. */
    public void forEachPage(PageVisitor v) {
        for (int j = 0; j < pages.length; j++) {
            if (pages[j] != null) {
                v.visit(firstPage + j, pages[j]);
            }
        }
    }

    /** Heap bytes of this chunk's table itself (not of the pages it refers to). */
    public long tableBytes() {
        return BYTES;
    }
}
