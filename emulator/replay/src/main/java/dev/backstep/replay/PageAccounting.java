package dev.backstep.replay;

import dev.backstep.machine.MachineSnapshot;
import dev.backstep.replay.snapshot.SnapshotAccounting;

import java.lang.reflect.Field;
import java.util.IdentityHashMap;

/**
 * Bytes kept alive by the timeline's snapshots. Pages are shared between snapshots (and with the
 * live machine), so per-snapshot sizes do not add up: a page dropped with one snapshot may live on
 * in the next. We count each distinct page once, by identity, with reference counts; plus each
 * snapshot's fixed part (its page table, one reference per RAM page, and registers/devices).
 *
 * <p>The machine API exposes only {@code ownBytes()}; until it offers a page iterator, the page
 * table is read reflectively, and if that fails we fall back to summing {@code ownBytes()}.
 */
final class PageAccounting implements SnapshotAccounting<TimelineSnapshot> {
    private static final Field PAGES = pagesField();
    private static final int PAGE = 4096;

    private final long fixedPerSnapshot;
    private final IdentityHashMap<byte[], int[]> refs = new IdentityHashMap<>();
    private long pageBytes;
    private long fixedBytes;
    private long fallbackBytes;

    PageAccounting(long ramSize) {
        this.fixedPerSnapshot = (ramSize / PAGE) * 4 + 2048;
    }

    private static Field pagesField() {
        try {
            Field f = MachineSnapshot.class.getDeclaredField("pages");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static byte[][] pages(MachineSnapshot s) {
        if (PAGES == null) {
            return null;
        }
        try {
            return (byte[][]) PAGES.get(s);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void added(TimelineSnapshot s) {
        fixedBytes += fixedPerSnapshot;
        byte[][] pages = pages(s.machine());
        if (pages == null) {
            fallbackBytes += s.machine().ownBytes();
            return;
        }
        for (byte[] p : pages) {
            if (p != null) {
                int[] c = refs.get(p);
                if (c == null) {
                    refs.put(p, new int[]{1});
                    pageBytes += PAGE;
                } else {
                    c[0]++;
                }
            }
        }
    }

    @Override
    public void released(TimelineSnapshot s) {
        fixedBytes -= fixedPerSnapshot;
        byte[][] pages = pages(s.machine());
        if (pages == null) {
            fallbackBytes -= s.machine().ownBytes();
            return;
        }
        for (byte[] p : pages) {
            if (p != null) {
                int[] c = refs.get(p);
                if (c != null && --c[0] == 0) {
                    refs.remove(p);
                    pageBytes -= PAGE;
                }
            }
        }
    }

    @Override
    public long totalBytes() {
        return pageBytes + fixedBytes + fallbackBytes;
    }
}
