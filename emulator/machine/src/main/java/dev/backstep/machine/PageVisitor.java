package dev.backstep.machine;

/** Receives the RAM pages of a snapshot, one call per present page. */
@FunctionalInterface
public interface PageVisitor {
    /**
     * @param pageIndex index of the 4 KiB page from the start of RAM (address = RAM base + index * 4096)
     * @param page      the page's bytes; the same object in every snapshot (and the live machine) that shares
     *                  the page, so identity tells shared pages apart. Read only: never modify it.
     */
    void visit(int pageIndex, byte[] page);
}
