package dev.backstep.session.internal;

import dev.backstep.machine.Machine;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.PcBreakpoint;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopPredicate;
import dev.backstep.replay.stop.StopSet;

import java.util.function.Supplier;

/**
 * How a request moves the timeline: to the next stop the user wants (breakpoints, watchpoints, wanted traps, and
 * the step's own condition), passing the traps the exception filters do not want, and not at all once the request
 * is paused; and the finishing moves of a step, which a pause does not cut short.
 */
final class TimelineRuns {
    private final Timeline timeline;
    private final Machine machine;
    private final StopSet stops;
    private final EnabledExceptionFilters filters;
    private final BreakpointTable breakpoints;

    TimelineRuns(Timeline timeline, StopSet stops, EnabledExceptionFilters filters, BreakpointTable breakpoints) {
        this.timeline = timeline;
        this.machine = timeline.machine();
        this.stops = stops;
        this.filters = filters;
        this.breakpoints = breakpoints;
    }

    /** One timeline operation of the request, unless the request is paused already (then it stays put). */
    TimelineStop move(ExecutionRequest op, Supplier<TimelineStop> move) {
        if (op.paused()) {
            return TimelineStops.paused(timeline.icount(), machine.hart().pc(), !op.forward());
        }
        return move.get();
    }

    /**
     * Runs forward or backward to the next stop of the user's stop set, plus {@code p} if not null, passing the traps
     * the exception filters do not want.
     */
    TimelineStop toStop(ExecutionRequest op, StopPredicate p, boolean fwd) {
        Supplier<TimelineStop> once = fwd ? () -> timeline.runForward(stops, Long.MAX_VALUE)
                : () -> timeline.reverseContinue(stops);
        Supplier<TimelineStop> run = p == null ? once : () -> withPredicate(p, once);
        TimelineStop r = move(op, run);
        for (int guard = 0; guard < 100_000 && r.kind() == TimelineStopKind.TRAP && !filters.wanted(r) && !op.paused(); guard++) {
            r = run.get();
        }
        return r;
    }

    /**
     * A move that completes a step (back to where a probe started, one instruction on into a trap handler, back
     * onto a call): done even when a pause cuts the first try. A request is interrupted once, so the second try
     * runs to its end.
     */
    TimelineStop finishing(Supplier<TimelineStop> move) {
        TimelineStop s = move.get();
        return s.kind() == TimelineStopKind.CANCELLED ? move.get() : s;
    }

    /** Back to exactly this icount after a probe. */
    void restore(long icount) {
        finishing(() -> timeline.seek(icount));
    }

    /** A reverse scan for this predicate alone, ignoring the user's breakpoints (a probe). */
    TimelineStop probeBackward(ExecutionRequest op, StopPredicate p) {
        return move(op, () -> timeline.reverseContinue(new StopSet().addPredicate(p)));
    }

    /**
     * A reverse step's predicate and a user breakpoint can hold at the same instruction; the reverse scan keeps
     * the last hit, which may be the predicate's. There the user's breakpoint wins, as it does going forward.
     */
    TimelineStop userBreakpointWins(TimelineStop r) {
        if (r.kind() != TimelineStopKind.PREDICATE) {
            return r;
        }
        int pc = machine.hart().pc();
        for (PcBreakpoint b : stops.breakpoints()) {
            if (b.pc() != pc || (b.condition() != null && !b.condition().test(machine))) {
                continue;
            }
            UserBreakpoint u = breakpoints.byStopId(b.id());
            if (u != null && u.hitCondition != null && !u.countHit()) {
                continue;
            }
            return TimelineStops.breakpointBackward(timeline.icount(), pc, b.id());
        }
        return r;
    }

    private TimelineStop withPredicate(StopPredicate p, Supplier<TimelineStop> run) {
        stops.addPredicate(p);
        try {
            return run.get();
        } finally {
            stops.removePredicate(p);
        }
    }
}
