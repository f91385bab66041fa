package dev.backstep.session.internal;

import dev.backstep.session.HistoryEntry;
import dev.backstep.session.HistoryPage;
import dev.backstep.session.HistoryQuery;
import java.util.function.Consumer;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.session.BreakpointStatus;
import dev.backstep.session.DataBreakpoint;
import dev.backstep.session.DataBreakpointInfo;
import dev.backstep.session.DebugSession;
import dev.backstep.session.Direction;
import dev.backstep.session.ExceptionDetails;
import dev.backstep.session.ExceptionFilter;
import dev.backstep.session.FunctionBreakpoint;
import dev.backstep.session.Granularity;
import dev.backstep.session.Instruction;
import dev.backstep.session.InstructionBreakpoint;
import dev.backstep.session.LaunchException;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.MemoryBlock;
import dev.backstep.session.ScopeInfo;
import dev.backstep.session.SessionException;
import dev.backstep.session.SessionInfo;
import dev.backstep.session.SessionListener;
import dev.backstep.session.SourceBreakpoint;
import dev.backstep.session.StackFrame;
import dev.backstep.session.Stop;
import dev.backstep.session.TaskInfo;
import dev.backstep.session.TaskSwitches;
import dev.backstep.session.ThreadInfo;
import dev.backstep.session.VariableInfo;
import dev.backstep.session.internal.expr.ExprException;
import dev.backstep.session.internal.rtos.RtosAwareness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The implementation behind {@link DebugSession#open}: a thin façade that puts every request through the
 * {@link RequestGate} and hands it to the part that does that job (see package-info).
 */
public final class Session implements DebugSession {
    /** The live input of a record session (null in replay): its semihosting files are closed with the session. */
    private final TypedInput typedInput;
    private final Timeline timeline;
    private final RequestGate gate;
    private final ProgramIo io;
    private final BreakpointRequests breakpoints;
    private final Executions executions;
    private final Stepping stepping;
    private final StateEdits edits;
    private final Inspection inspection;
    private final RecordingAccess recording;
    private final TaskThreads threads;
    private final TaskHistory taskHistory;
    private final HistoryQueries history;

    Session(LaunchSpec spec, Timeline timeline, DebugInfo debug, SessionListener listener, TypedInput input) {
        this(spec, timeline, debug, listener, input, null);
    }

    Session(LaunchSpec spec, Timeline timeline, DebugInfo debug, SessionListener listener, TypedInput input,
            RtosAwareness rtos) {
        this.timeline = timeline;
        this.threads = new TaskThreads(rtos);
        Program program = new Program(debug);
        SourcePaths sources = new SourcePaths(spec.program() != null ? spec.program() : spec.recording(), debug.lines().files());
        this.io = new ProgramIo(timeline, listener == null ? new SessionListener() { } : listener, input);
        this.typedInput = input;
        this.gate = new RequestGate(new RequestGate.Interruption() {
            @Override
            public void interrupt() {
                timeline.cancel();
                io.interruptWait();
            }

            @Override
            public void clear() {
                timeline.clearCancel();
            }
        });
        StopSet stops = new StopSet();
        BreakpointTable table = new BreakpointTable(program, stops,
                new BreakpointConditions(program, timeline.machine(), gate, io));
        EnabledExceptionFilters filters = new EnabledExceptionFilters(stops);
        InlinedView inlined = new InlinedView(timeline, program, table);
        TimelineRuns runs = new TimelineRuns(timeline, stops, filters, table);
        this.executions = new Executions(gate, timeline, program, table, inlined, io, threads);
        this.breakpoints = new BreakpointRequests(table, filters, sources, executions::here);
        this.stepping = new Stepping(spec, timeline, program, sources, executions, runs,
                new LineSteps(timeline, program, runs, new LineStarts(timeline, program, runs, table))
                        .keepingTasks(threads),
                new FrameExits(timeline, program, runs), inlined);
        this.edits = new StateEdits(timeline, executions::here);
        this.inspection = new Inspection(timeline.machine(), program, sources, executions::here);
        this.recording = new RecordingAccess(spec, timeline);
        this.taskHistory = new TaskHistory(timeline, threads);
        this.history = new HistoryQueries(gate, timeline, program, sources, executions, io);
    }

    public static DebugSession open(LaunchSpec spec, SessionListener listener) throws LaunchException {
        return SessionOpener.open(spec, listener);
    }

    // ------------------------------------------------------------ breakpoints

    @Override
    public List<ExceptionFilter> exceptionFilters() {
        return EXCEPTION_FILTERS;
    }

    @Override
    public List<BreakpointStatus> setLineBreakpoints(String path, List<SourceBreakpoint> bps) throws SessionException {
        return gate.query(() -> breakpoints.setLine(path, bps));
    }

    @Override
    public List<BreakpointStatus> setFunctionBreakpoints(List<FunctionBreakpoint> bps) throws SessionException {
        return gate.query(() -> breakpoints.setFunctions(bps));
    }

    @Override
    public List<BreakpointStatus> setInstructionBreakpoints(List<InstructionBreakpoint> bps) throws SessionException {
        return gate.query(() -> breakpoints.setInstructions(bps));
    }

    @Override
    public List<BreakpointStatus> setDataBreakpoints(List<DataBreakpoint> bps) throws SessionException {
        return gate.query(() -> breakpoints.setData(bps));
    }

    @Override
    public void setExceptionFilters(Set<String> ids) throws SessionException {
        gate.query(() -> {
            breakpoints.setExceptionFilters(ids);
            return null;
        });
    }

    @Override
    public DataBreakpointInfo dataBreakpointInfo(int variablesReference, String name) throws SessionException {
        return gate.query(() -> breakpoints.watchable(variablesReference, name));
    }

    @Override
    public DataBreakpointInfo dataBreakpointInfoForExpression(String expression, int frameId) throws SessionException {
        return gate.query(() -> breakpoints.watchableExpression(expression, frameId));
    }

    // ------------------------------------------------------------ execution

    @Override
    public Stop start() throws SessionException {
        return stepping.start();
    }

    @Override
    public Stop resume() throws SessionException {
        return stepping.resume();
    }

    @Override
    public Stop reverseContinue() throws SessionException {
        return stepping.reverseContinue();
    }

    @Override
    public Stop runToLine(String path, int line, Direction direction) throws SessionException {
        return stepping.runToLine(path, line, direction);
    }

    @Override
    public Stop seek(long icount) throws SessionException {
        return stepping.seek(icount);
    }

    @Override
    public Stop next(Granularity g) throws SessionException {
        return stepping.next(g);
    }

    @Override
    public Stop stepIn(Granularity g) throws SessionException {
        return stepping.stepIn(g);
    }

    @Override
    public Stop stepOut() throws SessionException {
        return stepping.stepOut();
    }

    @Override
    public Stop stepBack(Granularity g) throws SessionException {
        return stepping.stepBack(g);
    }

    @Override
    public Stop reverseStepIn(Granularity g) throws SessionException {
        return stepping.reverseStepIn(g);
    }

    @Override
    public Stop reverseStepOut() throws SessionException {
        return stepping.reverseStepOut();
    }

    @Override
    public HistoryPage valueHistory(HistoryQuery query, Consumer<HistoryEntry> progressive) throws SessionException {
        return history.values(query, progressive);
    }

    @Override
    public HistoryPage lineHistory(HistoryQuery query, Consumer<HistoryEntry> progressive) throws SessionException {
        return history.hits(query, progressive);
    }

    @Override
    public void announceExecution() {
        gate.announce();
    }

    @Override
    public void pause() {
        gate.pause();
    }

    @Override
    public boolean isRunning() {
        return gate.busy();
    }

    // ------------------------------------------------------------ state

    @Override
    public List<ThreadInfo> threads() {
        return threads.lastThreads();
    }

    @Override
    public List<TaskInfo> tasks() throws SessionException {
        return gate.query(() -> executions.here().tasks().tasks());
    }

    @Override
    public TaskSwitches taskSwitches(long from, long to, int max) throws SessionException {
        return gate.query(() -> taskHistory.switches(from, to, max));
    }

    @Override
    public Stop reverseToTask(int threadId) throws SessionException {
        String name = threadName(threadId);
        return executions.run(Direction.BACKWARD, "reverse-continue to where " + name + " last ran", op -> {
            long at = taskHistory.lastRan(threadId);
            if (at < 0) {
                throw new SessionException(name + " has not run before icount " + timeline.icount());
            }
            return timeline.seek(at);
        });
    }

    private String threadName(int threadId) {
        for (ThreadInfo t : threads.lastThreads()) {
            if (t.id() == threadId) {
                return t.name().replaceAll(" \\(.*\\)$", "");
            }
        }
        return "thread " + threadId;
    }

    @Override
    public String rtos() {
        return threads.rtosName();
    }

    @Override
    public List<StackFrame> stackTrace(int threadId, int startFrame, int levels) throws SessionException {
        return gate.query(() -> inspection.stackTrace(executions.here().viewForThread(threadId), startFrame, levels));
    }

    @Override
    public List<StackFrame> stackTrace(int startFrame, int levels) throws SessionException {
        return gate.query(() -> inspection.stackTrace(startFrame, levels));
    }

    @Override
    public List<ScopeInfo> scopes(int frameId) throws SessionException {
        return gate.query(() -> executions.here().viewOf(frameId).scopes(frameId));
    }

    @Override
    public List<VariableInfo> variables(int ref, boolean hex) throws SessionException {
        return gate.query(() -> executions.here().viewOf(ref).variables(ref, hex));
    }

    @Override
    public VariableInfo evaluate(String expression, int frameId, boolean hex) throws SessionException {
        return gate.query(() -> {
            try {
                return executions.here().viewOf(frameId).evaluate(expression, frameId, hex);
            } catch (ExprException e) {
                throw new SessionException(e.getMessage(), e);
            }
        });
    }

    @Override
    public String print(String expression, int frameId, boolean hex) throws SessionException {
        return gate.query(() -> {
            try {
                return executions.here().viewOf(frameId).print(expression, frameId, hex, true);
            } catch (ExprException e) {
                throw new SessionException(e.getMessage(), e);
            }
        });
    }

    @Override
    public String valueText(String expression, int frameId, boolean hex) throws SessionException {
        return gate.query(() -> {
            try {
                return executions.here().viewOf(frameId).print(expression, frameId, hex, false);
            } catch (ExprException e) {
                throw new SessionException(e.getMessage(), e);
            }
        });
    }

    @Override
    public String frameArguments(int frameId) throws SessionException {
        return gate.query(() -> executions.here().viewOf(frameId).frameArguments(frameId));
    }

    @Override
    public VariableInfo setVariable(int ref, String name, String value) throws SessionException {
        return gate.query(() -> edits.setVariable(ref, name, value));
    }

    @Override
    public VariableInfo setExpression(String expression, String value, int frameId) throws SessionException {
        return gate.query(() -> edits.setExpression(expression, value, frameId));
    }

    @Override
    public int writeMemory(long address, byte[] data) throws SessionException {
        return gate.query(() -> edits.writeMemory(address, data));
    }

    @Override
    public boolean canChangeState() {
        return edits.possible();
    }

    @Override
    public void sendInput(byte[] bytes) throws SessionException {
        io.send(bytes, gate);
    }

    @Override
    public void keepInputOpen(boolean on) {
        io.keepInputOpen(on);
    }

    @Override
    public MemoryBlock readMemory(long address, int count) throws SessionException {
        return gate.query(() -> inspection.readMemory(address, count));
    }

    @Override
    public MemoryBlock readReadableMemory(long address, int count) throws SessionException {
        return gate.query(() -> inspection.readReadableMemory(address, count));
    }

    @Override
    public List<Instruction> disassemble(long address, int instructionOffset, int count) throws SessionException {
        return gate.query(() -> inspection.disassemble(address, instructionOffset, count));
    }

    @Override
    public ExceptionDetails exceptionInfo() {
        return executions.here().exception();
    }

    @Override
    public List<String> loadedSources() {
        return inspection.loadedSources();
    }

    @Override
    public List<String> sourceLines(String path) {
        return inspection.sourceLines(path);
    }

    @Override
    public SessionInfo info() {
        return recording.info();
    }

    @Override
    public long instructionsExecuted() {
        return timeline.instructionsExecuted(); // a counter: while a run goes on, a value it had lately
    }

    @Override
    public List<Long> snapshotIcounts() {
        return recording.snapshotIcounts(gate);
    }

    @Override
    public void saveRecording(Path path, boolean overwrite) throws SessionException {
        gate.query(() -> {
            recording.save(path, overwrite);
            return null;
        });
    }

    @Override
    public void close() {
        gate.pauseAndThen(() -> {
            if (typedInput != null) {
                typedInput.close();
            }
            try {
                timeline.close();
            } catch (IOException e) {
                io.console("could not finish the recording: " + e.getMessage());
            }
        });
    }
}
