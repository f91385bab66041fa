package dev.backstep.replay;

import dev.backstep.machine.Machine;
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
 * It replays windows of history forward, latest first, remembering the hits of each; the first window with an accepted
 * hit gives the answer. A window starts at a snapshot; when that snapshot is far away the scan runs to near the window's
 * end with nothing armed (full speed) and scans that part first, so a stop just before the origin costs a short scan.
 * Windows grow 8 times each round, and leave snapshots so that the next reverse operation nearby is cheap.
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
    private final Cancellation cancel;
    private final Supplier<TimelineListener> listener;

    ReverseScan(Machine m, TimelineLoop loop, TimelineSnapshots snapshots, IcountBreakpoints icountBreakpoints,
                Cancellation cancel, Supplier<TimelineListener> listener) {
        this.m = m;
        this.loop = loop;
        this.snapshots = snapshots;
        this.icountBreakpoints = icountBreakpoints;
        this.cancel = cancel;
        this.listener = listener;
    }

    /** Goes to the stop found (icount 0, START_OF_RECORDING, when there is none) and returns it; origin > 0. */
    TimelineStop run(StopSet stops) {
        long origin = m.icount();
        Map.Entry<Long, Integer> ibp = icountBreakpoints.before(origin);
        long icountStop = ibp == null ? -1 : ibp.getKey();
        ArmedStops armed = new ArmedStops(m, stops);
        boolean keepAll = armed.countsHits();
        List<ScanHit> hits = new ArrayList<>();
        long end = origin;
        long scanned = 0;
        long window = FIRST_WINDOW;
        try {
            armed.arm();
            while (true) {
                Map.Entry<Long, TimelineSnapshot> base = snapshots.before(end);
                long start = base.getKey();
                snapshots.restore(base.getValue());
                TimelineStop s = null;
                if (end - start > window) {
                    long from = end - window;
                    armed.disarm();
                    s = loop.run(from, null, null, false, snapshots.scanPoints(start, from), "reverse continue");
                    armed.arm();
                    if (s == null) {
                        snapshots.ensureHere();
                        start = from;
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
                    // cancelled or diverged: stay put and say so
                    armed.disarm();
                    if (s.kind() == TimelineStopKind.CANCELLED) {
                        cancel.clear(); // the way back to the origin must not be cancelled too
                        loop.moveTo(origin, "return");
                        s = s.at(m.icount(), m.hart().pc(), true);
                    }
                    return s;
                }
                for (int i = hits.size() - 1; i >= 0; i--) {
                    Hit h = hits.get(i).hit();
                    if (h.onIcount() < icountStop) {
                        break;
                    }
                    if (ArmedStops.accept(h)) {
                        armed.disarm();
                        loop.moveTo(h.onIcount(), "reverse continue");
                        loop.setStoppedAtTrapEntry(hits.get(i).entersTrap());
                        return h.stop().at(m.icount(), m.hart().pc(), true);
                    }
                }
                if (icountStop >= start) {
                    armed.disarm();
                    loop.moveTo(icountStop, "reverse continue");
                    return TimelineStop.icountBreakpoint(m.icount(), m.hart().pc(), true, ibp.getValue());
                }
                scanned += windowEnd - start;
                listener.get().progress("reverse continue", scanned, origin);
                if (start == 0) {
                    armed.disarm();
                    loop.moveTo(0, "reverse continue");
                    return startOfRecording(m);
                }
                end = start;
            }
        } finally {
            armed.disarm();
        }
    }

    static TimelineStop startOfRecording(Machine m) {
        return TimelineStop.simple(TimelineStopKind.START_OF_RECORDING, 0, m.hart().pc(), true, "start of recording");
    }
}
