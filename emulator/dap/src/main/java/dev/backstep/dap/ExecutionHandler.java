package dev.backstep.dap;

import dev.backstep.dap.protocol.ReverseStepInArguments;
import dev.backstep.dap.protocol.RunToLineArguments;
import dev.backstep.dap.protocol.ReverseStepOutArguments;
import dev.backstep.dap.protocol.SeekArguments;
import dev.backstep.dap.run.ExecutionOperation;
import dev.backstep.session.DebugSession;
import dev.backstep.session.Direction;
import dev.backstep.session.Granularity;
import dev.backstep.session.Stop;
import dev.backstep.session.StopReason;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import dev.backstep.dap.protocol.BackstepStoppedEventArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.StoppedEventArguments;

/**
 * continue, next, stepIn, stepOut, stepBack, reverseContinue, pause, and the custom execution requests
 * (backstep/seek, reverseStepOut, reverseStepIn, runToLine): each answers at once and runs on the worker, which then
 * sends stopped. A client assumes the program runs after its own built-in requests only, so the custom ones send
 * {@code continued} first: without it VS Code keeps showing the previous stop's label over the new position.
 */
final class ExecutionHandler {
    private final DebugContext ctx;

    ExecutionHandler(DebugContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        DebugSession s = checkThread(args == null ? null : args.getThreadId());
        start("Running", s::resume, s::resume);
        ContinueResponse r = new ContinueResponse();
        r.setAllThreadsContinued(true);
        return CompletableFuture.completedFuture(r);
    }

    CompletableFuture<Void> next(NextArguments args) {
        return execute(args == null ? null : args.getThreadId(), "Stepping over", s -> {
            Granularity g = granularity(args == null ? null : args.getGranularity());
            return () -> s.next(g);
        });
    }

    CompletableFuture<Void> stepIn(StepInArguments args) {
        return execute(args == null ? null : args.getThreadId(), "Stepping in", s -> {
            Granularity g = granularity(args == null ? null : args.getGranularity());
            return () -> s.stepIn(g);
        });
    }

    CompletableFuture<Void> stepOut(StepOutArguments args) {
        return execute(args == null ? null : args.getThreadId(), "Stepping out", s -> s::stepOut);
    }

    /** No granularity is what VS Code sends for its Step Back button: a reverse step over at source level. */
    CompletableFuture<Void> stepBack(StepBackArguments args) {
        return execute(args == null ? null : args.getThreadId(), "Stepping back", s -> {
            Granularity g = granularity(args == null ? null : args.getGranularity());
            return () -> s.stepBack(g);
        });
    }

    CompletableFuture<Void> reverseContinue(ReverseContinueArguments args) {
        return execute(args == null ? null : args.getThreadId(), "Running backward", s -> s::reverseContinue);
    }

    CompletableFuture<Void> reverseStepOut(ReverseStepOutArguments args) {
        return executeCustom(args == null ? null : args.getThreadId(), "Stepping out backward", s -> s::reverseStepOut);
    }

    CompletableFuture<Void> reverseStepIn(ReverseStepInArguments args) {
        return executeCustom(args == null ? null : args.getThreadId(), "Stepping in backward", s -> {
            Granularity g = granularity(args == null ? null : args.getGranularity());
            return () -> s.reverseStepIn(g);
        });
    }

    CompletableFuture<Void> runToLine(RunToLineArguments args) {
        String path = args == null || args.getSource() == null ? null
                : args.getSource().getPath() != null ? args.getSource().getPath() : args.getSource().getName();
        if (path == null || path.isBlank()) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'source.path' is required: the file to run to");
        }
        if (args.getLine() == null || args.getLine() < 1) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'line' is required: a line number from 1");
        }
        int line = args.getLine();
        boolean reverse = Boolean.TRUE.equals(args.getReverse());
        Direction dir = reverse ? Direction.BACKWARD : Direction.FORWARD;
        return executeCustom(args.getThreadId(), (reverse ? "Running backward to line " : "Running to line ") + line,
                s -> () -> s.runToLine(path, line, dir));
    }

    CompletableFuture<Void> seek(SeekArguments args) {
        if (args == null || args.getIcount() == null) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                    "'icount' is required: the instruction count to go to");
        }
        long icount = args.getIcount();
        if (icount < 0) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'icount' must be >= 0, got " + icount);
        }
        return executeCustom(null, "Seeking to icount " + icount, s -> () -> s.seek(icount));
    }

    CompletableFuture<Void> reverseToTask(dev.backstep.dap.protocol.ReverseToTaskArguments args) {
        if (args == null || args.getThreadId() == null) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'threadId' is required: the task's thread");
        }
        int thread = args.getThreadId();
        return executeCustom(thread, "Running backward to where thread " + thread + " last ran",
                s -> () -> s.reverseToTask(thread));
    }

    CompletableFuture<Void> pause(PauseArguments args) {
        ctx.session();
        ctx.runner.pause();
        return done();
    }

    /** Runs the program to its first stop once the client has configured it (stopOnEntry or not). */
    void startProgram(DebugSession s) {
        start("Starting", s::start, s::resume);
    }

    /**
     * The plumbing of a stepping request: the thread is checked, the operation (built from the session, so that
     * bad arguments are refused before anything runs) goes to the worker, and the request is answered at once.
     */
    private CompletableFuture<Void> execute(Integer threadId, String title,
            Function<DebugSession, ExecutionOperation> operation) {
        DebugSession s = checkThread(threadId);
        start(title, operation.apply(s), null);
        return done();
    }

    /** A custom execution request: as {@link #execute}, announced with {@code continued} once it has been answered. */
    private CompletableFuture<Void> executeCustom(Integer threadId, String title,
            Function<DebugSession, ExecutionOperation> operation) {
        DebugSession s = checkThread(threadId);
        ExecutionOperation op = operation.apply(s);
        start(title, () -> {
            announceContinued();
            return op.run();
        }, null);
        return done();
    }

    /** Runs on the worker after the response: the client hears "running" before the stop, never after it. */
    private void announceContinued() {
        ContinuedEventArguments c = new ContinuedEventArguments();
        c.setThreadId(1);
        c.setAllThreadsContinued(true);
        ctx.client.send(client -> client.continued(c));
    }

    private void start(String title, ExecutionOperation op, ExecutionOperation continuation) {
        if (ctx.isTerminated()) {
            throw new DapException(DapException.ErrorCodes.WRONG_STATE, "The debug session has been terminated");
        }
        ctx.runner.submit(title, op, continuation, this::reportStop, this::reportFailure);
    }

    /**
     * Sends the stop. The program's end is a stop like any other: {@code stopped} with reason "exited" and a
     * description giving the exit code and the icount, then an {@code exited} event with the exit code (each time
     * the program arrives at its end, replays included). No {@code terminated} follows: the debug session stays
     * on the final state so that the user can step back or reverse-continue from it. VS Code ends a debug session
     * only on {@code terminated} (its UI ignores {@code exited}); Eclipse takes the exit code from {@code exited}.
     * {@code terminated} is sent only for the {@code terminate} request.
     */
    private void reportStop(Stop stop) {
        if (stop.reason() == StopReason.EXITED) {
            ctx.output.console("Program exited with code " + stop.exitCode() + " at icount " + stop.icount()
                    + "; you can still go back in time");
        }
        ctx.lastDirection = StopEvents.direction(stop.direction());
        StoppedEventArguments e = StopEvents.toDap(stop, recordedLength());
        ctx.client.send(c -> c.stopped(e));
        if (stop.reason() == StopReason.EXITED) {
            // the debuggee ended, the debug session does not: the user can still go back
            org.eclipse.lsp4j.debug.ExitedEventArguments x = new org.eclipse.lsp4j.debug.ExitedEventArguments();
            x.setExitCode(stop.exitCode());
            ctx.client.send(c -> c.exited(x));
        }
    }

    /** Where the history ends now; 0 when the session cannot say (it then is no larger than the stop's icount). */
    private long recordedLength() {
        DebugSession s = ctx.sessionOrNull();
        try {
            return s == null ? 0 : s.info().recordedLength();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private void reportFailure(String message) {
        ctx.output.console("Error: " + message);
        BackstepStoppedEventArguments e = new BackstepStoppedEventArguments();
        e.setReason("error");
        DebugSession s = ctx.sessionOrNull();
        long icount = s == null ? 0 : s.info().icount();
        e.setIcount(icount);
        e.setDirection(ctx.lastDirection);
        e.setRecordedLength(Math.max(icount, recordedLength()));
        e.setDescription("Stopped on an error at icount " + icount + ": " + message);
        e.setText(message);
        e.setThreadId(1);
        e.setAllThreadsStopped(true);
        ctx.client.send(c -> c.stopped(e));
    }

    /** The session, once the thread (if given) is known to be one of its threads. */
    private DebugSession checkThread(Integer threadId) {
        DebugSession s = ctx.session();
        if (threadId != null) {
            DebugContext.requireThread(s, threadId);
        }
        return s;
    }

    static Granularity granularity(SteppingGranularity g) {
        return g == SteppingGranularity.INSTRUCTION ? Granularity.INSTRUCTION : Granularity.LINE;
    }

    /** A granularity given as text (custom requests): the DAP names, absent = a source line. */
    static Granularity granularity(String g) {
        if (g == null || g.equals("line") || g.equals("statement")) {
            return Granularity.LINE;
        }
        if (g.equals("instruction")) {
            return Granularity.INSTRUCTION;
        }
        throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                "'granularity' must be \"statement\", \"line\" or \"instruction\", got \"" + g + "\"");
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
