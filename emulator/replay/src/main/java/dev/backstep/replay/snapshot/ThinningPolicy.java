package dev.backstep.replay.snapshot;

/**
 * Chooses which snapshot to drop when over budget, so that spacing grows with distance from the
 * current position: dropping snapshot i leaves a gap (next - prev); we drop the one whose resulting
 * gap is smallest relative to its distance from the position. Near the position that ratio is large
 * (distance small), far away it is small, so far snapshots go first and the survivors end up
 * roughly geometrically spaced. Icount 0 and the snapshot at the position itself are never dropped.
 */
public final class ThinningPolicy {
    private final long minSpacing;

    /** @param minSpacing distances below this count as this much, so the closest few snapshots are
     *                    weighed as equally precious rather than infinitely so. */
    public ThinningPolicy(long minSpacing) {
        if (minSpacing <= 0) {
            throw new IllegalArgumentException("minSpacing must be positive");
        }
        this.minSpacing = minSpacing;
    }

    /**
     * @param icounts sorted ascending, distinct
     * @return index of the snapshot to drop, or -1 if none may be dropped
     */
    public int victim(long[] icounts, int n, long position) {
        int best = -1;
        double bestScore = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            long at = icounts[i];
            if (at == 0 || at == position) {
                continue;
            }
            long prev = i > 0 ? icounts[i - 1] : 0;
            long gap = i + 1 < n ? icounts[i + 1] - prev : 2 * (at - prev);
            long distance = Math.max(minSpacing, Math.abs(at - position));
            double score = (double) gap / distance;
            if (score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }
}
