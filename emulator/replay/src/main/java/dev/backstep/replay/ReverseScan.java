package dev.backstep.replay;

import dev.backstep.machine.Machine;
import dev.backstep.replay.index.ExecutionIndex;
import dev.backstep.replay.index.IndexQuery;
import dev.backstep.replay.stop.ArmedStops;
import dev.backstep.replay.stop.Hit;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reverse continue: the last icount before the position at which a stop condition (or an icount breakpoint) holds.
 * It replays stretches of history forward, latest first, remembering the hits of each; the first stretch with an
 * accepted hit gives the answer. The execution index says which windows may hold a hit (a stop pc ran there, a watched
 * line was written, a wanted trap was entered): the others are skipped, so the cost follows the distance to the answer,
 * not the distance in time. Without an index every window may.
 *
 * <p>A stretch starts at a snapshot; when that snapshot lies before the part worth scanning, the scan runs there first
 * with nothing armed (full speed) and scans only that part: a stop just before the origin costs a short scan. The part
 * scanned grows 8 times each round (a whole index window at least, where the index tells windows apart). Scans leave
 * snapshots only where the replayed history has none nearby, so that the next operation nearby is cheap without the
 * store growing by more than the windows replayed.
 */
final class ReverseScan {
    /** The first scan window (instructions). */
    private static final long FIRST_WINDOW = 1L << 16;

    /** A hit a window met, and whether it holds on a trap handler's first instruction (see TimelineLoop). */
    private record ScanHit(Hit hit, boolean entersTrap) {
    }

    private final Machine m;
    private final TimelineLoop loop;
    private final TimelineSnapshots snapshots;
    private final IcountBreakpoints icountBreakpoints;
    private final TimelineIndex index;
    private final Cancellation cancel;
    private final Supplier<TimelineListener> listener;

    ReverseScan(Machine m, TimelineLoop loop, TimelineSnapshots snapshots, IcountBreakpoints icountBreakpoints,
                TimelineIndex index, Cancellation cancel, Supplier<TimelineListener> listener) {
        this.m = m;
        this.loop = loop;
        this.snapshots = snapshots;
        this.icountBreakpoints = icountBreakpoints;
        this.index = index;
        this.cancel = cancel;
        this.listener = listener;
    }

    /** Goes to the stop found (icount 0, START_OF_RECORDING, when there is none) and returns it; origin > 0. */
    TimelineStop run(StopSet stops) {
        long origin = m.icount();
        Map.Entry<Long, Integer> ibp = icountBreakpoints.before(origin);
        long icountStop = ibp == null ? -1 : ibp.getKey();
        ArmedStops armed = new ArmedStops(m, stops);
        ExecutionIndex x = index.index();
        IndexQuery query = x == null ? IndexQuery.anything() : armed.indexQuery(index.code());
        boolean keepAll = armed.countsHits();
        List<ScanHit> hits = new ArrayList<>();
        long end = origin;
        long window = FIRST_WINDOW;
        try {
            armed.arm();
            while (true) {
                if (cancel.requested()) {
                    // checked here too: a scan that the index lets skip everything may run no instruction at all
                    armed.disarm();
                    return interrupted(TimelineStop.simple(TimelineStopKind.CANCELLED, m.icount(), m.hart().pc(),
                            false, "cancelled"), origin);
                }
                // the latest stretch before end where a hit may be (hits before an icount breakpoint do not count)
                long notBefore = Math.max(0, icountStop);
                long reach = Math.max(window, x == null ? 0 : x.windowSize());
                ExecutionIndex.Span c = x == null ? (end > notBefore ? new ExecutionIndex.Span(notBefore, end) : null)
                        : x.lastCandidate(end, notBefore, reach, query);
                if (c == null || icountStop >= c.end()) {
                    // nothing between here and the icount breakpoint (or the start) can hold a hit
                    armed.disarm();
                    if (icountStop >= 0) {
                        TimelineStop moved = arrive(icountStop, origin);
                        return moved != null ? moved
                                : TimelineStop.icountBreakpoint(m.icount(), m.hart().pc(), true, ibp.getValue());
                    }
                    TimelineStop moved = arrive(0, origin);
                    return moved != null ? moved : startOfRecording(m);
                }
                end = c.end();
                long lo = Math.max(c.start(), end - reach);
                Map.Entry<Long, TimelineSnapshot> base = snapshots.before(end);
                long start = base.getKey();
                snapshots.restore(base.getValue());
                TimelineStop s = null;
                if (start < lo) {
                    armed.disarm();
                    s = loop.run(lo, null, null, false, snapshots.scanPoints(start, lo), "reverse continue");
                    armed.arm();
                    if (s == null) {
                        snapshots.ensureNear(lo);
                        start = lo;
                    }
                }
                window = Math.min(window * 8, 1L << 40);
                hits.clear();
                final long windowEnd = end;
                if (s == null) {
                    s = loop.run(windowEnd, armed, (h, entersTrap) -> {
                        if (h.onIcount() < windowEnd) {
                            if (!keepAll) {
                                hits.clear();
                            }
                            hits.add(new ScanHit(h, entersTrap));
                        }
                        return false;
                    }, true, snapshots.scanPoints(start, windowEnd), "reverse continue");
                }
                if (s != null && s.kind() != TimelineStopKind.EXIT && s.kind() != TimelineStopKind.IDLE) {
                    armed.disarm();
                    return interrupted(s, origin);
                }
                for (int i = hits.size() - 1; i >= 0; i--) {
                    Hit h = hits.get(i).hit();
                    if (h.onIcount() < icountStop) {
                        break;
                    }
                    if (ArmedStops.accept(h)) {
                        armed.disarm();
                        TimelineStop moved = arrive(h.onIcount(), origin);
                        if (moved != null) {
                            return moved;
                        }
                        loop.setStoppedAtTrapEntry(hits.get(i).entersTrap());
                        return h.stop().at(m.icount(), m.hart().pc(), true);
                    }
                }
                if (icountStop >= start) {
                    armed.disarm();
                    TimelineStop moved = arrive(icountStop, origin);
                    return moved != null ? moved
                            : TimelineStop.icountBreakpoint(m.icount(), m.hart().pc(), true, ibp.getValue());
                }
                // how far back the search has come (skipped windows count: the way is done)
                listener.get().progress("reverse continue", origin - start, origin);
                if (start == 0) {
                    armed.disarm();
                    TimelineStop moved = arrive(0, origin);
                    return moved != null ? moved : startOfRecording(m);
                }
                end = start;
            }
        } finally {
            armed.disarm();
        }
    }

    /** Goes to what the scan found; null when there, else the stop that ended the way (see {@link #interrupted}). */
    private TimelineStop arrive(long target, long origin) {
        TimelineStop s = loop.moveTo(target, "reverse continue", false);
        return s == null ? null : interrupted(s, origin);
    }

    /** A scan cancelled, or a replay diverged: stay put (back at the origin after a cancel) and say so. */
    private TimelineStop interrupted(TimelineStop s, long origin) {
        if (s.kind() == TimelineStopKind.CANCELLED) {
            cancel.clear(); // the way back to the origin must not be cancelled too
            loop.moveTo(origin, "return");
            return s.at(m.icount(), m.hart().pc(), true);
        }
        return s;
    }

    static TimelineStop startOfRecording(Machine m) {
        return TimelineStop.simple(TimelineStopKind.START_OF_RECORDING, 0, m.hart().pc(), true, "start of recording");
    }
}
