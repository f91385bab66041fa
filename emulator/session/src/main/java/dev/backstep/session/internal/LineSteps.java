package dev.backstep.session.internal;

import dev.backstep.machine.Machine;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopPredicate;

import java.util.function.Function;

/**
 * Source-level steps driven by a predicate on where the step began (step over, into, out, in either direction):
 * run to the predicate or a user stop; forward, into a trap handler rather than just before its entry; backward,
 * refined to the start of the line a forward step would come from.
 */
final class LineSteps {
    private final Timeline timeline;
    private final Machine machine;
    private final Program program;
    private final TimelineRuns runs;
    private final LineStarts lineStarts;
    private TaskThreads threads = TaskThreads.none();

    LineSteps(Timeline timeline, Program program, TimelineRuns runs, LineStarts lineStarts) {
        this.timeline = timeline;
        this.machine = timeline.machine();
        this.program = program;
        this.runs = runs;
        this.lineStarts = lineStarts;
    }

    /** Steps stay with the task they begin in (see {@link TaskGuard}). */
    LineSteps keepingTasks(TaskThreads taskThreads) {
        this.threads = taskThreads;
        return this;
    }

    /**
     * @param showCallSites whether a stop where inlined code begins shows its call site: yes for steps that meet the
     *                      code from before it; a reverse step in meets it from its end, inside
     * @param predicate     the step's stop condition, made from where it starts (null: user stops only)
     */
    TimelineStop step(ExecutionRequest op, boolean showCallSites, Function<StepStart, StopPredicate> predicate) {
        boolean fwd = op.forward();
        StepStart s = StepStart.here(machine, program, op.startCallSites());
        StopPredicate p = TaskGuard.keepTask(predicate.apply(s), threads, machine);
        TimelineStop r = runs.toStop(op, p, fwd);
        if (fwd && r.kind() == TimelineStopKind.PREDICATE && timeline.stoppedAtTrapEntry()) {
            // the step stops on a trap handler's first instruction: the timeline is at the trap's icount, before
            // the entry; one instruction more is inside the handler, where the user asked to go
            runs.finishing(timeline::step);
            r = r.at(timeline.icount(), machine.hart().pc(), false);
        }
        if (!fwd) {
            r = runs.userBreakpointWins(r);
            if (p != null) {
                r = lineStarts.refine(op, p, s, r);
            }
        }
        if (r.kind() == TimelineStopKind.PREDICATE && showCallSites) {
            op.showCallSites(s.hiddenAt(program, machine.hart().pc() & 0xffffffffL));
        }
        return r;
    }
}
