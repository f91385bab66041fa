package dev.backstep.replay;

import dev.backstep.machine.Machine;
import dev.backstep.replay.snapshot.SnapshotStore;
import dev.backstep.replay.snapshot.ThinningPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The timeline's snapshots: taking and restoring them — the machine, where the input log and the output stand, the
 * edits of the restored icount — and planning where operations leave new ones so that the next operation nearby is
 * cheap: a geometric series before a seek's target, a few through a reverse scan's window, one at each stop. The store
 * thins them around the position within the memory budget.
 */
final class TimelineSnapshots {
    private final SnapshotStore<TimelineSnapshot> store;
    private final Machine m;
    private final TimelineInput input;
    private final OutputTracker output;
    private final StateEdits edits;
    private final TimelineIndex index;
    private final TimelineOptions opts;
    /** See {@link Timeline#setStopSnapshotSlack}; 0 = a snapshot at every stop. */
    private long stopSlack;

    TimelineSnapshots(Machine m, TimelineInput input, OutputTracker output, StateEdits edits, TimelineIndex index,
                      TimelineOptions opts) {
        this.m = m;
        this.input = input;
        this.output = output;
        this.edits = edits;
        this.index = index;
        this.opts = opts;
        this.store = new SnapshotStore<>(new PageAccounting(m.config().ramSize()),
                new ThinningPolicy(opts.nearSpacing()), opts.memoryBudget(), opts.maxSnapshots());
    }

    void take() {
        long now = m.icount();
        store.put(now, new TimelineSnapshot(m.snapshot(), input.cursor(), output.cursor()), now);
    }

    void ensureHere() {
        if (!store.contains(m.icount())) {
            take();
        }
    }

    /** A snapshot here unless one lies within the periodic snapshot interval before (see {@link #scanPoints}). */
    void ensureNear(long icount) {
        Map.Entry<Long, TimelineSnapshot> f = store.floor(icount);
        if (f == null || icount - f.getKey() >= opts.snapshotInterval()) {
            take();
        }
    }

    boolean has(long icount) {
        return store.contains(icount);
    }

    /** The snapshot with the greatest icount at or before this one (there is always one at 0). */
    Map.Entry<Long, TimelineSnapshot> atOrBefore(long icount) {
        return store.floor(icount);
    }

    /** The snapshot with the greatest icount before this one, or null at 0. */
    Map.Entry<Long, TimelineSnapshot> before(long icount) {
        return store.lower(icount);
    }

    void restore(TimelineSnapshot s) {
        m.restore(s.machine());
        input.setCursor(s.inputCursor());
        output.setCursor(s.outputCursor());
        index.restarted(m.icount()); // before the edits: they belong to the stretch that starts here
        edits.applyAt(m.icount(), m);
    }

    /** Where an operation stops: a snapshot here, unless one lies within the stop slack before it. */
    void atStop() {
        long now = m.icount();
        Map.Entry<Long, TimelineSnapshot> near = store.floor(now);
        if (near == null || now - near.getKey() > stopSlack) {
            take();
        }
    }

    void setStopSlack(long instructions) {
        if (instructions < 0) {
            throw new IllegalArgumentException("negative slack " + instructions);
        }
        stopSlack = instructions;
    }

    /** Snapshot points a seek leaves before its target, spaced geometrically, so stepping back from there is cheap. */
    long[] seekPlan(long from, long target) {
        List<Long> pts = new ArrayList<>();
        long near = opts.nearSpacing();
        for (long d = near; d < (1L << 40) && target - d > from + near / 2; d *= 4) {
            long p = target - d;
            if (!snapshotNear(p, d / 2, target)) {
                pts.add(0, p);
            }
        }
        // the stop's own snapshot (see atStop): at the target, or with a slack a little before it, where the next
        // steps back (and their stops) use it too
        long p = target - stopSlack / 2;
        Map.Entry<Long, TimelineSnapshot> f = store.floor(target);
        if (p > from && (f == null || target - f.getKey() > stopSlack)
                && (pts.isEmpty() || pts.get(pts.size() - 1) < p)) {
            pts.add(p);
        }
        return pts.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Snapshot points a reverse scan leaves in the stretch it replays, so the next reverse operation nearby is cheap:
     * none closer than the periodic snapshot interval (history recorded in one go has one at every interval already;
     * more would grow the store by more than the windows replayed), at most 8 in a long stretch of sparse history.
     */
    long[] scanPoints(long start, long end) {
        long spacing = Math.max(opts.snapshotInterval(), (end - start) / 8);
        List<Long> pts = new ArrayList<>();
        for (long p = start + spacing; p < end; p += spacing) {
            pts.add(p);
        }
        return pts.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Whether a snapshot lies within {@code within} of the planned point p: at or below it, or above it and below
     * target. Stepping back one instruction at a time moves every planned point down by one, just below the one
     * planned by the previous step: that one serves as well.
     */
    private boolean snapshotNear(long p, long within, long target) {
        Map.Entry<Long, TimelineSnapshot> f = store.floor(p);
        if (f != null && p - f.getKey() <= within) {
            return true;
        }
        Map.Entry<Long, TimelineSnapshot> c = store.ceiling(p + 1);
        return c != null && c.getKey() <= p + within && c.getKey() < target;
    }

    int size() {
        return store.size();
    }

    long bytes() {
        return store.bytes();
    }

    long budget() {
        return store.budget();
    }

    List<Long> icounts() {
        return store.icounts();
    }
}
