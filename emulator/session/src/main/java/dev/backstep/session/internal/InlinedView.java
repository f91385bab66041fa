package dev.backstep.session.internal;

import dev.backstep.debuginfo.model.Function;
import dev.backstep.machine.Machine;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.TimelineStop;

import java.util.List;

/**
 * Inlined code shown as its call site, as gdb shows it: where a step reaching an inlined copy stops, at a line
 * breakpoint on the call's line, and the steps that only change how many inlined levels at the pc are entered.
 */
final class InlinedView {
    private final Timeline timeline;
    private final Machine machine;
    private final Program program;
    private final BreakpointTable breakpoints;

    InlinedView(Timeline timeline, Program program, BreakpointTable breakpoints) {
        this.timeline = timeline;
        this.machine = timeline.machine();
        this.program = program;
        this.breakpoints = breakpoints;
    }

    /**
     * Whether the function the user is in is an inlined copy that begins at the pc: stepping back out of its first
     * line leads to its call site, at the same instruction (as stepping back from a called function's first line
     * leads to the call).
     */
    boolean atInlinedEntry(int callSitesShown) {
        return callSitesShown < program.inlineEntriesAt(pc());
    }

    /** A step that only changes how many inlined levels at the pc are entered: the machine stays where it is. */
    TimelineStop show(ExecutionRequest op, int callSites) {
        op.showCallSites(callSites);
        return TimelineStops.reached(timeline.icount(), machine.hart().pc(), !op.forward());
    }

    /**
     * A line breakpoint on the line of a call whose inlined copy holds the pc stops at the call site, not in the
     * copy (the user asked for that line): the levels to show as their call site (gdb does the same).
     */
    int atBreakpoint(TimelineStop r, int otherwise) {
        UserBreakpoint b = breakpoints.byStopId(r.breakpointId());
        if (b == null || b.kind != UserBreakpoint.Kind.LINE || b.status == null) {
            return otherwise;
        }
        List<Function> fns = program.functionsAt(pc());
        for (int h = fns.size() - 1; h > 0; h--) {
            Function inlined = fns.get(h - 1);
            if (inlined.isInlined() && inlined.callLine() == b.status.line() && inlined.callFile() != null
                    && b.status.path() != null && BreakpointTable.shortName(inlined.callFile())
                    .equals(BreakpointTable.shortName(b.status.path()))) {
                return h;
            }
        }
        return 0;
    }

    private long pc() {
        return machine.hart().pc() & 0xffffffffL;
    }
}
