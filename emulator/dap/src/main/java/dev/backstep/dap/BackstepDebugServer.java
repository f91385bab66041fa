package dev.backstep.dap;

import dev.backstep.dap.protocol.BackstepProtocolServer;
import dev.backstep.dap.protocol.HistoryArguments;
import dev.backstep.dap.protocol.HistoryResponse;
import dev.backstep.dap.protocol.HitsArguments;
import dev.backstep.dap.protocol.InfoArguments;
import dev.backstep.dap.protocol.InfoResponse;
import dev.backstep.dap.protocol.InputArguments;
import dev.backstep.dap.protocol.ReverseStepInArguments;
import dev.backstep.dap.protocol.RunToLineArguments;
import dev.backstep.dap.protocol.ReverseStepOutArguments;
import dev.backstep.dap.protocol.SaveRecordingArguments;
import dev.backstep.dap.protocol.SeekArguments;
import dev.backstep.dap.transport.RequestTracker;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.CancelArguments;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesResponse;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.RestartArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.SourceResponse;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

/**
 * The DAP endpoint of one connection. It only dispatches: each family of requests has its handler, which
 * translates onto the session layer. Requests this class does not override are answered by lsp4j with an
 * error ("not supported"), and none of them is claimed in the capabilities.
 *
 * <p>The end of the program does not end the debug session: the server sends {@code stopped} (reason "exited")
 * and then {@code exited}, never {@code terminated} on its own, so the user can still go back in time from the
 * final state. {@code backstep/saveRecording {path}} writes the recording so far to a {@code .bsr} file, also
 * when the launch gave no {@code recording} file (the history is then kept in memory).
 */
public final class BackstepDebugServer implements BackstepProtocolServer {
    private final DebugContext ctx;
    private final LifecycleHandler lifecycle;
    private final BreakpointHandler breakpoints;
    private final ExecutionHandler execution;
    private final StateHandler state;
    private final MemoryHandler memory;
    private final CompletionHandler completion;
    private final CustomHandler custom;
    private final TaskHandler tasks;

    private final ConnectionAccess access;
    private final Runnable closeConnection;
    private final HistoryHandler history;

    BackstepDebugServer(RequestTracker tracker, SessionFactory factory, Runnable closeConnection) {
        this(tracker, factory, closeConnection, ConnectionAccess.open());
    }

    BackstepDebugServer(RequestTracker tracker, SessionFactory factory, Runnable closeConnection,
                        ConnectionAccess access) {
        this.access = access;
        this.closeConnection = closeConnection;
        this.ctx = new DebugContext(new ClientChannel(), tracker, factory);
        this.breakpoints = new BreakpointHandler(ctx);
        this.execution = new ExecutionHandler(ctx);
        this.lifecycle = new LifecycleHandler(ctx, breakpoints, execution, closeConnection);
        this.state = new StateHandler(ctx);
        this.memory = new MemoryHandler(ctx);
        this.completion = new CompletionHandler(ctx);
        this.custom = new CustomHandler(ctx);
        this.tasks = new TaskHandler(ctx);
        this.history = new HistoryHandler(ctx);
    }

    void connect(IDebugProtocolClient client) {
        ctx.client.connect(client);
    }

    /** The client has gone (stream closed): stop any scan and free the session. */
    void connectionClosed() {
        ctx.client.markClosed();
        lifecycle.shutdown();
    }

    // ---- lifecycle

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        return lifecycle.initialize(args);
    }

    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        access.check(args, ctx, closeConnection);
        return lifecycle.launch(args);
    }

    @Override
    public CompletableFuture<Void> attach(Map<String, Object> args) {
        access.check(args, ctx, closeConnection);
        return lifecycle.attach(args);
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        return lifecycle.configurationDone(args);
    }

    @Override
    public CompletableFuture<Void> restart(RestartArguments args) {
        return lifecycle.restart(args);
    }

    @Override
    public CompletableFuture<Void> terminate(TerminateArguments args) {
        return lifecycle.terminate(args);
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        return lifecycle.disconnect(args);
    }

    @Override
    public CompletableFuture<Void> cancel(CancelArguments args) {
        return lifecycle.cancel(args);
    }

    // ---- breakpoints

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        return breakpoints.setBreakpoints(args);
    }

    @Override
    public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(
            SetFunctionBreakpointsArguments args) {
        return breakpoints.setFunctionBreakpoints(args);
    }

    @Override
    public CompletableFuture<SetInstructionBreakpointsResponse> setInstructionBreakpoints(
            SetInstructionBreakpointsArguments args) {
        return breakpoints.setInstructionBreakpoints(args);
    }

    @Override
    public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(
            SetExceptionBreakpointsArguments args) {
        return breakpoints.setExceptionBreakpoints(args);
    }

    @Override
    public CompletableFuture<DataBreakpointInfoResponse> dataBreakpointInfo(DataBreakpointInfoArguments args) {
        return breakpoints.dataBreakpointInfo(args);
    }

    @Override
    public CompletableFuture<SetDataBreakpointsResponse> setDataBreakpoints(SetDataBreakpointsArguments args) {
        return breakpoints.setDataBreakpoints(args);
    }

    // ---- execution

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        return execution.continue_(args);
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        return execution.next(args);
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        return execution.stepIn(args);
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return execution.stepOut(args);
    }

    @Override
    public CompletableFuture<Void> stepBack(StepBackArguments args) {
        return execution.stepBack(args);
    }

    @Override
    public CompletableFuture<Void> reverseContinue(ReverseContinueArguments args) {
        return execution.reverseContinue(args);
    }

    @Override
    public CompletableFuture<Void> pause(PauseArguments args) {
        return execution.pause(args);
    }

    @Override
    public CompletableFuture<Void> seek(SeekArguments args) {
        return execution.seek(args);
    }

    @Override
    public CompletableFuture<Void> runToLine(RunToLineArguments args) {
        return execution.runToLine(args);
    }

    @Override
    public CompletableFuture<Void> reverseStepOut(ReverseStepOutArguments args) {
        return execution.reverseStepOut(args);
    }

    @Override
    public CompletableFuture<Void> reverseStepIn(ReverseStepInArguments args) {
        return execution.reverseStepIn(args);
    }

    // ---- state

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        return state.threads();
    }

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return state.stackTrace(args);
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        return state.scopes(args);
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.debug.VariablesResponse> variables(
            org.eclipse.lsp4j.debug.VariablesArguments args) {
        return state.variables(args);
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.debug.CompletionsResponse> completions(
            org.eclipse.lsp4j.debug.CompletionsArguments args) {
        return completion.completions(args);
    }

    @Override
    public CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments args) {
        return state.setVariable(args);
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.debug.SetExpressionResponse> setExpression(
            org.eclipse.lsp4j.debug.SetExpressionArguments args) {
        return state.setExpression(args);
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.debug.WriteMemoryResponse> writeMemory(
            org.eclipse.lsp4j.debug.WriteMemoryArguments args) {
        return memory.writeMemory(args);
    }

    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        return state.evaluate(args);
    }

    @Override
    public CompletableFuture<ExceptionInfoResponse> exceptionInfo(ExceptionInfoArguments args) {
        return state.exceptionInfo(args);
    }

    @Override
    public CompletableFuture<LoadedSourcesResponse> loadedSources(LoadedSourcesArguments args) {
        return state.loadedSources(args);
    }

    @Override
    public CompletableFuture<SourceResponse> source(SourceArguments args) {
        return state.source(args);
    }

    // ---- memory

    @Override
    public CompletableFuture<ReadMemoryResponse> readMemory(ReadMemoryArguments args) {
        return memory.readMemory(args);
    }

    @Override
    public CompletableFuture<DisassembleResponse> disassemble(DisassembleArguments args) {
        return memory.disassemble(args);
    }

    // ---- custom

    @Override
    public CompletableFuture<InfoResponse> info(InfoArguments args) {
        return custom.info(args);
    }

    @Override
    public CompletableFuture<dev.backstep.dap.protocol.TasksResponse> tasks(dev.backstep.dap.protocol.TasksArguments args) {
        return tasks.tasks(args);
    }

    @Override
    public CompletableFuture<dev.backstep.dap.protocol.TaskSwitchesResponse> taskSwitches(
            dev.backstep.dap.protocol.TaskSwitchesArguments args) {
        return tasks.taskSwitches(args);
    }

    @Override
    public CompletableFuture<Void> reverseToTask(dev.backstep.dap.protocol.ReverseToTaskArguments args) {
        return execution.reverseToTask(args);
    }

    @Override
    public CompletableFuture<Void> saveRecording(SaveRecordingArguments args) {
        return custom.saveRecording(args);
    }

    @Override
    public CompletableFuture<Void> input(InputArguments args) {
        return custom.input(args);
    }

    @Override
    public CompletableFuture<HistoryResponse> history(HistoryArguments args) {
        return history.history(args);
    }

    @Override
    public CompletableFuture<HistoryResponse> hits(HitsArguments args) {
        return history.hits(args);
    }
}
