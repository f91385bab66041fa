package dev.backstep.replay.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Snapshots by icount, kept within a byte budget and a count cap by thinning with a
 * {@link ThinningPolicy} around the current position. What a snapshot holds and how many bytes it
 * keeps alive is the caller's business ({@link SnapshotAccounting}).
 *
 * @param <S> the snapshot payload
 */
public final class SnapshotStore<S> {
    private final TreeMap<Long, S> byIcount = new TreeMap<>();
    private final SnapshotAccounting<S> accounting;
    private final ThinningPolicy policy;
    private final long budget;
    private final int maxCount;
    private long dropped;

    public SnapshotStore(SnapshotAccounting<S> accounting, ThinningPolicy policy, long budget, int maxCount) {
        this.accounting = accounting;
        this.policy = policy;
        this.budget = budget;
        this.maxCount = maxCount;
    }

    public int size() {
        return byIcount.size();
    }

    public long bytes() {
        return accounting.totalBytes();
    }

    public long budget() {
        return budget;
    }

    /** Snapshots dropped by thinning so far. */
    public long dropped() {
        return dropped;
    }

    public boolean contains(long icount) {
        return byIcount.containsKey(icount);
    }

    /** Adds (or replaces) the snapshot at icount, then thins around {@code position}. */
    public void put(long icount, S snapshot, long position) {
        S old = byIcount.put(icount, snapshot);
        if (old != null) {
            accounting.released(old);
        }
        accounting.added(snapshot);
        thin(position);
    }

    /** The snapshot with the greatest icount &lt;= the given one, or null. */
    public Map.Entry<Long, S> floor(long icount) {
        return byIcount.floorEntry(icount);
    }

    /** The snapshot with the greatest icount &lt; the given one, or null. */
    public Map.Entry<Long, S> lower(long icount) {
        return byIcount.lowerEntry(icount);
    }

    public Map.Entry<Long, S> ceiling(long icount) {
        return byIcount.ceilingEntry(icount);
    }

    public List<Long> icounts() {
        return new ArrayList<>(byIcount.keySet());
    }

    /** Drops the snapshots beyond icount (a timeline whose future was cut off). */
    public void dropAfter(long icount) {
        while (!byIcount.isEmpty() && byIcount.lastKey() > icount) {
            accounting.released(byIcount.pollLastEntry().getValue());
        }
    }

    public void clear() {
        for (S s : byIcount.values()) {
            accounting.released(s);
        }
        byIcount.clear();
    }

    /** Drops snapshots chosen by the policy until within budget and count. */
    public void thin(long position) {
        if (accounting.totalBytes() <= budget && byIcount.size() <= maxCount) {
            return;
        }
        long[] keys = new long[byIcount.size()];
        int n = 0;
        for (long k : byIcount.keySet()) {
            keys[n++] = k;
        }
        while (n > 1 && (accounting.totalBytes() > budget || n > maxCount)) {
            int v = policy.victim(keys, n, position);
            if (v < 0) {
                break;
            }
            accounting.released(byIcount.remove(keys[v]));
            System.arraycopy(keys, v + 1, keys, v, n - v - 1);
            n--;
            dropped++;
        }
    }
}
