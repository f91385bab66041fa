package dev.backstep.session.internal;

import dev.backstep.debuginfo.line.LineTable;
import dev.backstep.machine.Machine;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.StopPredicate;
import dev.backstep.session.Direction;
import dev.backstep.session.Granularity;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.SessionException;
import dev.backstep.session.Stop;

import java.util.Optional;

/**
 * The execution requests, both ways of time: continue, run to a line, seek, and the steps (over, into, out) by
 * line or by instruction, with the inlined-frame view: a step that reaches inlined code stops at its call site,
 * a step into there enters it without running, a step back off its first line returns to the call site.
 */
final class Stepping {
    private final LaunchSpec spec;
    private final SourcePaths sources;
    private final Timeline timeline;
    private final Machine machine;
    private final Program program;
    private final Executions executions;
    private final TimelineRuns runs;
    private final LineSteps lines;
    private final FrameExits exits;
    private final InlinedView inlined;

    Stepping(LaunchSpec spec, Timeline timeline, Program program, SourcePaths sources, Executions executions,
             TimelineRuns runs, LineSteps lines, FrameExits exits, InlinedView inlined) {
        this.spec = spec;
        this.sources = sources;
        this.timeline = timeline;
        this.machine = timeline.machine();
        this.program = program;
        this.executions = executions;
        this.runs = runs;
        this.lines = lines;
        this.exits = exits;
        this.inlined = inlined;
    }

    Stop start() throws SessionException {
        return spec.stopOnEntry() ? executions.entry() : resume();
    }

    Stop resume() throws SessionException {
        return executions.run(Direction.FORWARD, "continue", op -> runs.toStop(op, null, true));
    }

    Stop reverseContinue() throws SessionException {
        return executions.run(Direction.BACKWARD, "reverse continue", op -> runs.toStop(op, null, false));
    }

    Stop runToLine(String path, int line, Direction direction) throws SessionException {
        return executions.run(() -> {
            if (path == null || path.isBlank() || line < 1) {
                throw new SessionException("run to line needs a source file and a line number from 1");
            }
            SourcePaths.ClientFile file = sources.fromClient(path);
            if (file.refusal() != null) {
                throw new SessionException("cannot run to " + BreakpointTable.shortName(path) + ":" + line + ": "
                        + file.refusal());
            }
            Optional<LineTable.LineMatch> m = program.debug().breakpointAddresses(file.lookup(path), line);
            if (m.isEmpty() || m.get().addresses().isEmpty()) {
                throw new SessionException("no code at or after line " + line + " of " + BreakpointTable.shortName(path));
            }
            int[] pcs = m.get().addresses().stream().mapToInt(Long::intValue).toArray();
            String where = BreakpointTable.shortName(m.get().file()) + ":" + m.get().line();
            StopPredicate reached = new StopPredicate() {
                @Override
                public int[] candidatePcs() {
                    return pcs;
                }

                @Override
                public boolean test(Machine machine, long icount) {
                    return true;
                }

                @Override
                public String describe() {
                    return where;
                }
            };
            boolean fwd = direction == Direction.FORWARD;
            return new Executions.Plan(direction, fwd ? "run to " + where : "reverse run to " + where,
                    op -> runs.toStop(op, reached, fwd));
        });
    }

    Stop seek(long icount) throws SessionException {
        return executions.run(() -> {
            if (icount < 0) {
                throw new SessionException("icount must not be negative: " + icount);
            }
            Direction dir = icount >= timeline.icount() ? Direction.FORWARD : Direction.BACKWARD;
            return new Executions.Plan(dir, "seek", op -> runs.move(op, () -> timeline.seek(icount)));
        });
    }

    Stop next(Granularity g) throws SessionException {
        if (g == Granularity.INSTRUCTION) {
            return stepInstruction();
        }
        return executions.run(Direction.FORWARD, "step",
                op -> lines.step(op, true, s -> LinePredicates.stepOver(program, s, false)));
    }

    Stop stepIn(Granularity g) throws SessionException {
        if (g == Granularity.INSTRUCTION) {
            return stepInstruction();
        }
        return executions.run(() -> {
            int shown = executions.here().callSites();
            if (shown > 0) {
                // at the call site of an inlined copy: the copy begins here, so nothing runs; the view goes in
                return Executions.Plan.forward("step in", op -> inlined.show(op, shown - 1));
            }
            return Executions.Plan.forward("step in",
                    op -> lines.step(op, true, s -> LinePredicates.stepInto(program, s, false)));
        });
    }

    Stop stepOut() throws SessionException {
        return executions.run(Direction.FORWARD, "step out", op -> lines.step(op, true, exits::returned));
    }

    Stop stepBack(Granularity g) throws SessionException {
        if (g == Granularity.INSTRUCTION) {
            return stepBackInstruction();
        }
        return backOverInlinedEntry("step back",
                op -> lines.step(op, true, s -> LinePredicates.stepOver(program, s, true)));
    }

    Stop reverseStepIn(Granularity g) throws SessionException {
        if (g == Granularity.INSTRUCTION) {
            return stepBackInstruction();
        }
        return backOverInlinedEntry("reverse step in",
                op -> lines.step(op, false, s -> LinePredicates.stepInto(program, s, true)));
    }

    Stop reverseStepOut() throws SessionException {
        return executions.run(Direction.BACKWARD, "reverse step out", exits::backward);
    }

    private Stop stepInstruction() throws SessionException {
        return executions.run(Direction.FORWARD, "step", op -> runs.move(op, timeline::step));
    }

    private Stop stepBackInstruction() throws SessionException {
        return executions.run(Direction.BACKWARD, "step back", op -> runs.move(op, timeline::stepBack));
    }

    /** A backward line step; on the first line of an inlined copy it goes out to the call site without running. */
    private Stop backOverInlinedEntry(String title, Executions.Body lineStep) throws SessionException {
        return executions.run(() -> {
            int shown = executions.here().callSites();
            if (inlined.atInlinedEntry(shown)) {
                return Executions.Plan.backward(title, op -> inlined.show(op, shown + 1));
            }
            return Executions.Plan.backward(title, lineStep);
        });
    }
}
