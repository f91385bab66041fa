package dev.backstep.eclipse.ui.views;

import java.util.List;

/**
 * What the Timeline view draws, and the mapping between pixels and icounts. Pure arithmetic, so that the
 * drawing and the click-to-seek agree and can be tested without a display.
 */
public record TimelineModel(long length, long current, int snapshots, List<Long> stops, List<Long> snapshotPositions) {

    public static final int MARGIN = 12;

    public TimelineModel {
        stops = stops == null ? List.of() : List.copyOf(stops);
        snapshotPositions = snapshotPositions == null ? List.of() : List.copyOf(snapshotPositions);
    }

    /** Without snapshot positions (an older server, or no info). */
    public TimelineModel(long length, long current, int snapshots, List<Long> stops) {
        this(length, current, snapshots, stops, List.of());
    }

    /** The distinct x positions of the snapshots on a canvas this wide (many snapshots share a pixel). */
    public int[] snapshotXs(int width) {
        return snapshotPositions.stream().mapToInt(i -> x(i, width)).distinct().toArray();
    }

    /** The x of an icount on a canvas this wide. */
    public int x(long icount, int width) {
        int span = Math.max(1, width - 2 * MARGIN);
        if (length <= 0) {
            return MARGIN;
        }
        return MARGIN + (int) Math.round((double) Math.min(Math.max(icount, 0), length) * span / length);
    }

    /** The icount under an x on a canvas this wide, clamped to the recording. */
    public long icountAt(int x, int width) {
        int span = Math.max(1, width - 2 * MARGIN);
        double fraction = Math.min(1.0, Math.max(0.0, (x - MARGIN) / (double) span));
        return Math.round(fraction * length);
    }
}
