package dev.backstep.replay;

import dev.backstep.machine.Machine;
import dev.backstep.replay.index.ExecutionIndex;
import dev.backstep.replay.index.IndexQuery;
import dev.backstep.replay.stop.ArmedStops;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whole-recording queries (value history, line history): every hit of a stop set over a range of history, in order.
 * The execution index says which stretches may hold a hit (a watched word was written, a stop pc ran); only those are
 * replayed: the machine is restored to the latest snapshot before each stretch, runs there with nothing armed (full
 * speed), then runs the stretch with the stops armed as machine breakpoints and watchpoints, so a hit costs a machine
 * stop and no work per instruction. Without an index the whole range is one stretch. The scan ends back where it
 * began, in the same state: a query does not move the user.
 */
final class HistoryScan {
    private static final String TASK = "history";

    private final Machine m;
    private final TimelineLoop loop;
    private final TimelineSnapshots snapshots;
    private final TimelineIndex index;
    private final HistoryBounds history;
    private final Cancellation cancel;
    private final Supplier<TimelineListener> listener;

    HistoryScan(Machine m, TimelineLoop loop, TimelineSnapshots snapshots, TimelineIndex index, HistoryBounds history,
                Cancellation cancel, Supplier<TimelineListener> listener) {
        this.m = m;
        this.loop = loop;
        this.snapshots = snapshots;
        this.index = index;
        this.history = history;
        this.cancel = cancel;
        this.listener = listener;
    }

    ScanResult run(StopSet stops, long from, long to, HitVisitor visitor) {
        long origin = m.icount();
        boolean originAtTrapEntry = loop.stoppedAtTrapEntry();
        long executedBefore = loop.executed();
        long end = Math.min(to, history.recordedLength(origin));
        from = Math.max(0, from);
        ArmedStops armed = new ArmedStops(m, stops);
        ExecutionIndex x = index.index();
        IndexQuery q = x == null ? IndexQuery.anything() : armed.indexQuery(index.code());
        List<ExecutionIndex.Span> spans = from >= end ? List.of()
                : x == null || q.matchesEverything() ? List.of(new ExecutionIndex.Span(from, end))
                : x.candidates(from, end, q, false);
        long scanned = 0;
        long next = end;
        boolean complete = true;
        TimelineStopKind why = null;
        try {
            TimelineStop first = moveUnarmed(Math.min(from, end));
            if (first != null) {
                spans = List.of();
                next = m.icount();
                complete = false;
                why = first.kind();
            } else {
                visitor.start(m.icount());
            }
            for (ExecutionIndex.Span span : spans) {
                listener.get().progress(TASK, span.start() - from, end - from);
                TimelineStop s = moveUnarmed(span.start());
                if (s == null) {
                    visitor.stretch(span.start(), span.end());
                    long[] stopAt = {-1};
                    long[] lastHit = {-1};
                    armed.arm();
                    try {
                        s = loop.run(span.end(), armed, (h, entersTrap) -> {
                            lastHit[0] = h.onIcount();
                            if (visitor.onHit(h)) {
                                stopAt[0] = h.onIcount() + 1;
                                return true;
                            }
                            return false;
                        }, true, snapshots.scanPoints(span.start(), span.end()), TASK);
                    } finally {
                        armed.disarm();
                    }
                    scanned += m.icount() - span.start();
                    if (stopAt[0] >= 0) {
                        next = stopAt[0];
                        complete = false;
                        break;
                    }
                    if (s != null && lastHit[0] >= m.icount()) {
                        // ended (cancelled) right at a hit already visited: going on must not visit it again
                        s = s.at(lastHit[0] + 1, s.pc(), s.backward());
                    }
                }
                if (s != null) {
                    TimelineStopKind k = s.kind();
                    if (k == TimelineStopKind.EXIT || k == TimelineStopKind.IDLE || k == TimelineStopKind.END_OF_RECORDING) {
                        break; // history ends inside this stretch: nothing after it
                    }
                    next = Math.max(m.icount(), s.icount());
                    complete = false;
                    why = k;
                    break;
                }
            }
        } finally {
            armed.disarm();
            cancel.clear(); // the scan used it up; the way back must not be cancelled too
            loop.moveTo(origin, "return", false);
            loop.setStoppedAtTrapEntry(originAtTrapEntry);
            cancel.clear();
        }
        long covered = (complete ? end : next) - from;
        return new ScanResult(next, complete, why, loop.executed() - executedBefore, Math.max(0, covered - scanned));
    }

    /** To {@code target} with nothing armed: from the latest snapshot at or before it when that is closer. */
    private TimelineStop moveUnarmed(long target) {
        Map.Entry<Long, TimelineSnapshot> base = snapshots.atOrBefore(target);
        long now = m.icount();
        if (target < now || (base != null && base.getKey() > now)) {
            snapshots.restore(base.getValue());
        }
        return loop.run(target, null, null, false, null, TASK);
    }
}
