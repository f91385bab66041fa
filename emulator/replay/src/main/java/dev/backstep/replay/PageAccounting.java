package dev.backstep.replay;

import dev.backstep.machine.MachineSnapshot;
import dev.backstep.machine.PageChunk;
import dev.backstep.replay.snapshot.SnapshotAccounting;

import java.util.IdentityHashMap;

/**
 * Bytes kept alive by the timeline's snapshots. Pages are shared between snapshots (and with the
 * live machine), so per-snapshot sizes do not add up: a page dropped with one snapshot may live on
 * in the next. We count each distinct page once, by identity, with reference counts; the same for
 * the page-table chunks snapshots share; plus each snapshot's fixed part (registers, devices).
 *
 * <p>Pages are reference-counted per chunk, not per snapshot: a chunk's pages are visited only
 * when the chunk is first seen and when its last snapshot goes, so adding a snapshot costs
 * O(chunks it changed), not O(RAM).
 */
final class PageAccounting implements SnapshotAccounting<TimelineSnapshot> {
    private static final int PAGE = 4096;

    private final IdentityHashMap<PageChunk, int[]> chunkRefs = new IdentityHashMap<>();
    private final IdentityHashMap<byte[], int[]> pageRefs = new IdentityHashMap<>();
    private long pageBytes;
    private long chunkBytes;
    private long fixedBytes;

    PageAccounting(long ramSize) {
        // sizes come from the snapshots themselves
    }

    @Override
    public void added(TimelineSnapshot s) {
        MachineSnapshot m = s.machine();
        fixedBytes += m.fixedBytes();
        m.forEachChunk(this::chunkAdded);
    }

    private void chunkAdded(PageChunk c) {
        int[] n = chunkRefs.get(c);
        if (n != null) {
            n[0]++;
            return;
        }
        chunkRefs.put(c, new int[]{1});
        chunkBytes += c.tableBytes();
        c.forEachPage((i, p) -> {
            int[] r = pageRefs.get(p);
            if (r == null) {
                pageRefs.put(p, new int[]{1});
                pageBytes += PAGE;
            } else {
                r[0]++;
            }
        });
    }

    @Override
    public void released(TimelineSnapshot s) {
        MachineSnapshot m = s.machine();
        fixedBytes -= m.fixedBytes();
        m.forEachChunk(this::chunkReleased);
    }

    private void chunkReleased(PageChunk c) {
        int[] n = chunkRefs.get(c);
        if (n == null || --n[0] > 0) {
            return;
        }
        chunkRefs.remove(c);
        chunkBytes -= c.tableBytes();
        c.forEachPage((i, p) -> {
            int[] r = pageRefs.get(p);
            if (r != null && --r[0] == 0) {
                pageRefs.remove(p);
                pageBytes -= PAGE;
            }
        });
    }

    @Override
    public long totalBytes() {
        return pageBytes + chunkBytes + fixedBytes;
    }
}
