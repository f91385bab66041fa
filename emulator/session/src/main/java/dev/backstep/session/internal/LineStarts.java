package dev.backstep.session.internal;

import dev.backstep.debuginfo.line.LineRow;
import dev.backstep.machine.Machine;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopPredicate;

import java.util.Arrays;
import java.util.List;

/**
 * Refines a backward line step. It lands on the last statement start before here; forward steps skip further
 * statements of the same line in the same frame (unless they restart the line), so it keeps going back while the
 * previous one is such a statement: the result is where a forward step from there would come here. A breakpoint
 * (or watchpoint, or wanted trap) met on the way back within the line wins: the user's stop is passed before the
 * line start.
 */
final class LineStarts {
    private final Timeline timeline;
    private final Machine machine;
    private final Program program;
    private final TimelineRuns runs;
    private final BreakpointTable breakpoints;

    LineStarts(Timeline timeline, Program program, TimelineRuns runs, BreakpointTable breakpoints) {
        this.timeline = timeline;
        this.machine = timeline.machine();
        this.program = program;
        this.runs = runs;
        this.breakpoints = breakpoints;
    }

    /** A statement start a backward step reached, and the CFA there: the piece of a line an earlier one may continue. */
    private record LinePiece(long pc, long cfa, StepStart step) {
        /**
         * Whether a forward line step from the machine's position would go on past this piece (same line, frame,
         * body), that position seen as the step shows it (an inlined copy beginning there as its call site).
         */
        boolean continuedBy(Program program, Machine m) {
            int hidden = step.hiddenAt(program, m.hart().pc() & 0xffffffffL);
            return StepStart.at(m, program, List.of(), hidden).continuesAt(program, pc, cfa);
        }
    }

    TimelineStop refine(ExecutionRequest op, StopPredicate p, StepStart step, TimelineStop r) {
        for (int guard = 0; guard < 256 && r.kind() == TimelineStopKind.PREDICATE; guard++) {
            long pc = machine.hart().pc() & 0xffffffffL;
            long at = timeline.icount();
            if (program.row(pc).isEmpty() || !lineMayBeginBefore(p.candidatePcs(), pc)) {
                // the start of the line's only piece: nothing before can be the same line (gdb stops here too);
                // looking for the previous statement start could run back across a long call to the line before
                return r;
            }
            LinePiece piece = new LinePiece(pc, program.cfa(machine), step);
            TimelineStop earlier = runs.userBreakpointWins(runs.toStop(op, p, false));
            switch (earlier.kind()) {
                case PREDICATE -> {
                    if (!piece.continuedBy(program, machine)) {
                        runs.restore(at);
                        return r.at(at, (int) pc, true);
                    }
                    r = earlier;
                }
                case BREAKPOINT, WATCHPOINT, TRAP, ICOUNT_BREAKPOINT -> {
                    if (lineContinuesBefore(op, p, piece)) {
                        return earlier;
                    }
                    UserBreakpoint b = earlier.kind() == TimelineStopKind.BREAKPOINT ? breakpoints.byStopId(earlier.breakpointId())
                            : null;
                    if (b != null) {
                        b.uncountHit();
                    }
                    runs.restore(at);
                    return r.at(at, (int) pc, true);
                }
                case CANCELLED, DIVERGENCE, RECORDING_DAMAGED -> {
                    return earlier;
                }
                default -> {
                    // start of recording: nothing earlier, this piece starts the line
                    runs.restore(at);
                    return r.at(at, (int) pc, true);
                }
            }
        }
        return r;
    }

    /**
     * Whether an earlier statement start among the candidates could be a piece of the line at pc that a forward step
     * goes on past (so that the line begins before pc): one of the same line, one whose line range holds pc, the same
     * statement start in a line range that pc does not begin, or where inlined code begins (shown as its call site).
     * When none can, pc begins its line, whatever ran before, and the refinement ends without a scan.
     */
    private boolean lineMayBeginBefore(int[] candidates, long pc) {
        LineRow here = program.row(pc).orElse(null);
        if (candidates == null || here == null || program.inlineEntriesAt(pc) > 0) {
            return true;
        }
        for (int c : candidates) {
            long a = c & 0xffffffffL;
            long[] range = program.lineRange(a);
            if (a == pc) {
                if (range != null && pc != range[0]) {
                    return true; // a loop within the line: an earlier pass through the same statement start
                }
                continue;
            }
            if (program.inlineEntriesAt(a) > 0 || (range != null && pc >= range[0] && pc < range[1])) {
                return true;
            }
            LineRow r = program.row(a).orElse(null);
            if (r != null && r.line() == here.line() && r.file().equals(here.file())) {
                return true;
            }
        }
        return false;
    }

    /**
     * At a user stop met while refining: whether the line of {@code piece} started at or before it (so going back
     * to the line start passes the stop). Looks for the previous statement start with the line predicate alone;
     * the position is left wherever the caller wants it, restored to the stop here.
     */
    private boolean lineContinuesBefore(ExecutionRequest op, StopPredicate p, LinePiece piece) {
        long stopAt = timeline.icount();
        int[] cands = p.candidatePcs();
        boolean candidate = cands == null || Arrays.stream(cands).anyMatch(c -> c == machine.hart().pc());
        if (candidate && p.test(machine, stopAt)) {
            return piece.continuedBy(program, machine);
        }
        TimelineStop prev = runs.probeBackward(op, p);
        boolean continues = prev.kind() == TimelineStopKind.PREDICATE && piece.continuedBy(program, machine);
        runs.restore(stopAt);
        return continues;
    }
}
