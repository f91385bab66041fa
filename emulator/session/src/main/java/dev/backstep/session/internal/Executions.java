package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.machine.Machine;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.session.Direction;
import dev.backstep.session.ExceptionDetails;
import dev.backstep.session.SessionException;
import dev.backstep.session.Stop;
import dev.backstep.session.StopReason;

import java.util.List;

/**
 * The life of an execution request: it passes the gate; decides what it does from where it starts; puts the
 * previous stop away; runs; and its timeline stop becomes the user's stop, with a sentence, and the current one.
 */
final class Executions {
    /** What a request does once it holds the gate: moves the timeline and returns the timeline's stop. */
    interface Body {
        dev.backstep.replay.stop.TimelineStop run(ExecutionRequest op) throws SessionException;
    }

    /** Which way a request goes, what the user calls it, and what it does. */
    record Plan(Direction direction, String title, Body body) {
        static Plan forward(String title, Body body) {
            return new Plan(Direction.FORWARD, title, body);
        }

        static Plan backward(String title, Body body) {
            return new Plan(Direction.BACKWARD, title, body);
        }
    }

    /** Chooses the plan holding the gate, where the position cannot change; a refusal leaves the stop as it was. */
    interface Planner {
        Plan plan() throws SessionException;
    }

    private final RequestGate gate;
    private final Timeline timeline;
    private final Machine machine;
    private final DebugInfo debug;
    private final Program program;
    private final BreakpointTable table;
    private final InlinedView inlined;
    private final ProgramIo io;
    private final TaskThreads threads;
    private volatile CurrentStop here;

    Executions(RequestGate gate, Timeline timeline, Program program, BreakpointTable table, InlinedView inlined,
               ProgramIo io) {
        this(gate, timeline, program, table, inlined, io, TaskThreads.none());
    }

    Executions(RequestGate gate, Timeline timeline, Program program, BreakpointTable table, InlinedView inlined,
               ProgramIo io, TaskThreads threads) {
        this.gate = gate;
        this.timeline = timeline;
        this.machine = timeline.machine();
        this.debug = program.debug();
        this.program = program;
        this.table = table;
        this.inlined = inlined;
        this.io = io;
        this.threads = threads;
        this.here = new CurrentStop(debug, machine, 0, null, threads);
    }

    /** The stop the user looks at. */
    CurrentStop here() {
        return here;
    }

    Stop run(Direction direction, String title, Body body) throws SessionException {
        return run(() -> new Plan(direction, title, body));
    }

    Stop run(Planner planner) throws SessionException {
        ExecutionRequest op = gate.begin();
        try {
            Plan plan = planner.plan();
            op.start(plan.direction(), plan.title(), here.callSites());
            here = new CurrentStop(debug, machine, 0, null, threads);
            table.forgetConditionErrors();
            io.begin();
            return finish(op, plan.body().run(op));
        } finally {
            gate.end(op);
        }
    }

    /** The stop on entry (stopOnEntry): nothing runs; a snapshot is kept of this exact state. */
    Stop entry() throws SessionException {
        ExecutionRequest op = gate.begin();
        try {
            here = new CurrentStop(debug, machine, here.callSites(), here.exception(), threads);
            timeline.attach();
            long icount = timeline.icount();
            return new Stop(StopReason.ENTRY, Direction.FORWARD, icount, machine.hart().pc(),
                    here.tasks().runningThread(),
                    "Paused on entry at icount " + icount, List.of(), 0, null);
        } finally {
            gate.end(op);
        }
    }

    private Stop finish(ExecutionRequest op, dev.backstep.replay.stop.TimelineStop r) {
        io.end();
        int callSites = r.kind() == TimelineStopKind.BREAKPOINT ? inlined.atBreakpoint(r, op.callSites()) : op.callSites();
        Stop s = StopTranslator.translate(r, op.direction(), op.title(), table, program, op.paused(), callSites);
        ExceptionDetails trap = s.reason() == StopReason.EXCEPTION
                ? Traps.details(r.trapCause(), machine.hart().pc(), r.trapTval(), Traps.isLoop(r)) : null;
        here = new CurrentStop(debug, machine, callSites, trap, threads);
        int thread = here.tasks().runningThread();
        return thread == s.threadId() ? s : new Stop(s.reason(), s.direction(), s.icount(), s.pc(), thread,
                s.description(), s.hitBreakpointIds(), s.exitCode(), s.text());
    }
}
