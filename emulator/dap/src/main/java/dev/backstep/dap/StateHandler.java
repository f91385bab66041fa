package dev.backstep.dap;

import dev.backstep.session.DebugSession;
import dev.backstep.session.ExceptionDetails;
import dev.backstep.session.ScopeInfo;
import dev.backstep.session.VariableInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExceptionBreakMode;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.debug.LoadedSourcesArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesResponse;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopePresentationHint;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.SourceResponse;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackFramePresentationHint;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.ValueFormat;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.debug.VariablesResponse;

/** threads, stackTrace, scopes, variables, setVariable, evaluate, exceptionInfo, loadedSources, source. */
final class StateHandler {
    private final DebugContext ctx;

    StateHandler(DebugContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<ThreadsResponse> threads() {
        DebugSession s = ctx.sessionOrNull();
        ThreadsResponse r = new ThreadsResponse();
        r.setThreads(s == null ? new Thread[0] : s.threads().stream().map(t -> {
            Thread d = new Thread();
            d.setId(t.id());
            d.setName(t.name());
            return d;
        }).toArray(Thread[]::new));
        return CompletableFuture.completedFuture(r);
    }

    CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        DebugSession s = ctx.stoppedSession("show the stack");
        int thread = args == null ? 1 : args.getThreadId();
        DebugContext.requireThread(s, thread);
        // each task's own stack: the running one's from the hart, another's from the context it saved
        List<dev.backstep.session.StackFrame> all = SessionCall.run(() -> s.stackTrace(thread, 0, 0));
        int start = nonNegative(args == null ? 0 : Protocol.orDefault(args.getStartFrame(), 0), "startFrame");
        int levels = nonNegative(args == null ? 0 : Protocol.orDefault(args.getLevels(), 0), "levels");
        int end = (int) Math.min(all.size(), (long) start + (levels == 0 ? DapLimits.MAX_STACK_FRAMES
                : Math.min(levels, DapLimits.MAX_STACK_FRAMES)));
        List<dev.backstep.session.StackFrame> page = start >= all.size() ? List.of() : all.subList(start, end);
        StackTraceResponse r = new StackTraceResponse();
        StackFrame[] frames = new StackFrame[page.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = toDap(s, page.get(i), start + i == 0);
        }
        r.setStackFrames(frames);
        r.setTotalFrames(all.size());
        return CompletableFuture.completedFuture(r);
    }

    private StackFrame toDap(DebugSession s, dev.backstep.session.StackFrame f, boolean innermost) {
        StackFrame d = new StackFrame();
        d.setId(f.id());
        d.setName(f.inlined() ? f.name() + " [inlined]" : f.name());
        if (f.hasSource()) {
            d.setSource(Protocol.source(f.path()));
            d.setLine(ctx.client.toClientLine(f.line()));
            d.setColumn(f.column() > 0 ? ctx.client.toClientColumn(f.column()) : ctx.client.toClientColumn(1));
        } else {
            InstructionListings.Placed placed = innermost ? place(s, f.pc()) : null;
            if (placed != null) {
                // the innermost frame is where the program is: a listing, so that VS Code focuses it
                d.setSource(placed.source());
                d.setLine(ctx.client.toClientLine(placed.line()));
                d.setColumn(ctx.client.toClientColumn(1));
            } else {
                d.setLine(0);
                d.setColumn(0);
                d.setPresentationHint(StackFramePresentationHint.SUBTLE);
            }
        }
        d.setInstructionPointerReference(Protocol.hex(f.pc()));
        d.setCanRestart(false);
        return d;
    }

    private InstructionListings.Placed place(DebugSession s, long pc) {
        try {
            return ctx.listings.place(s, pc);
        } catch (dev.backstep.session.SessionException e) {
            return null;
        }
    }

    CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        DebugSession s = ctx.stoppedSession("show variables");
        int frameId = args == null ? 0 : args.getFrameId();
        List<ScopeInfo> scopes = SessionCall.run(() -> s.scopes(frameId));
        ScopesResponse r = new ScopesResponse();
        r.setScopes(scopes.stream().map(si -> {
            Scope d = new Scope();
            d.setName(si.name());
            d.setVariablesReference(si.variablesReference());
            d.setNamedVariables(si.namedVariables() > 0 ? si.namedVariables() : null);
            d.setExpensive(si.expensive());
            d.setPresentationHint(switch (si.kind()) {
                case LOCALS -> ScopePresentationHint.LOCALS;
                case REGISTERS, CSRS -> ScopePresentationHint.REGISTERS;
                case GLOBALS -> null;
            });
            return d;
        }).toArray(Scope[]::new));
        return CompletableFuture.completedFuture(r);
    }

    CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        DebugSession s = ctx.stoppedSession("show variables");
        if (args == null) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'variablesReference' is required");
        }
        VariablesResponse r = new VariablesResponse();
        if (args.getFilter() == VariablesArgumentsFilter.INDEXED) {
            // every child is reported as named: there are no separately paged indexed children
            r.setVariables(new Variable[0]);
            return CompletableFuture.completedFuture(r);
        }
        boolean hex = hex(args.getFormat());
        int start = nonNegative(Protocol.orDefault(args.getStart(), 0), "start");
        int count = nonNegative(Protocol.orDefault(args.getCount(), 0), "count");
        List<VariableInfo> all = SessionCall.run(() -> s.variables(args.getVariablesReference(), hex));
        // one page is bounded; a client reads on with 'start' (the indexed and named counts say how many there are)
        int end = (int) Math.min(all.size(), (long) start + (count == 0 ? DapLimits.MAX_VARIABLES_PAGE
                : Math.min(count, DapLimits.MAX_VARIABLES_PAGE)));
        List<VariableInfo> page = start >= all.size() ? List.of() : all.subList(start, end);
        r.setVariables(page.stream().map(StateHandler::toDap).toArray(Variable[]::new));
        return CompletableFuture.completedFuture(r);
    }

    static int nonNegative(int value, String attribute) {
        if (value < 0) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                    "'" + attribute + "' must not be negative, got " + value);
        }
        return value;
    }

    private static Variable toDap(VariableInfo v) {
        Variable d = new Variable();
        d.setName(v.name());
        d.setValue(v.value());
        d.setType(v.type());
        d.setVariablesReference(Math.max(0, v.variablesReference()));
        d.setEvaluateName(v.evaluateName());
        if (v.memoryAddress() >= 0) {
            d.setMemoryReference(Protocol.hex(v.memoryAddress()));
        }
        return d;
    }

    CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments args) {
        DebugSession s = ctx.stoppedSession("change a variable");
        if (args == null || args.getName() == null || args.getValue() == null) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'name' and 'value' are required");
        }
        VariableInfo v = SessionCall.run(() -> s.setVariable(args.getVariablesReference(), args.getName(),
                args.getValue()));
        ctx.client.stateChanged(v.memoryAddress(), (int) Math.max(0, v.size()));
        SetVariableResponse r = new SetVariableResponse();
        describe(v, r::setValue, r::setType, r::setVariablesReference, r::setMemoryReference);
        return CompletableFuture.completedFuture(r);
    }

    /** The Watch view's Set Value: an lvalue expression set to the value of another, at the live end only. */
    CompletableFuture<org.eclipse.lsp4j.debug.SetExpressionResponse> setExpression(
            org.eclipse.lsp4j.debug.SetExpressionArguments args) {
        DebugSession s = ctx.stoppedSession("change an expression");
        if (args == null || args.getExpression() == null || args.getExpression().isBlank() || args.getValue() == null) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'expression' and 'value' are required");
        }
        int frameId = Protocol.orDefault(args.getFrameId(), 0);
        VariableInfo v = SessionCall.run(() -> s.setExpression(args.getExpression().trim(), args.getValue(), frameId));
        ctx.client.stateChanged(v.memoryAddress(), (int) Math.max(0, v.size()));
        org.eclipse.lsp4j.debug.SetExpressionResponse r = new org.eclipse.lsp4j.debug.SetExpressionResponse();
        describe(v, r::setValue, r::setType, r::setVariablesReference, r::setMemoryReference);
        return CompletableFuture.completedFuture(r);
    }

    CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        if (args == null || args.getExpression() == null || args.getExpression().isBlank()) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'expression' is required");
        }
        DebugSession s = ctx.stoppedSession("evaluate expressions");
        int frameId = Protocol.orDefault(args.getFrameId(), 0);
        VariableInfo v = SessionCall.run(() -> s.evaluate(args.getExpression().trim(), frameId, hex(args.getFormat())));
        EvaluateResponse r = new EvaluateResponse();
        describe(v, r::setResult, r::setType, r::setVariablesReference, r::setMemoryReference);
        return CompletableFuture.completedFuture(r);
    }

    /**
     * The value part every value-returning response shares (evaluate, setVariable, setExpression); lsp4j gives them
     * no common type, so the setters are passed.
     */
    private static void describe(VariableInfo v, java.util.function.Consumer<String> value,
                                 java.util.function.Consumer<String> type, java.util.function.IntConsumer reference,
                                 java.util.function.Consumer<String> memoryReference) {
        value.accept(v.value());
        type.accept(v.type());
        reference.accept(Math.max(0, v.variablesReference()));
        if (v.memoryAddress() >= 0) {
            memoryReference.accept(Protocol.hex(v.memoryAddress()));
        }
    }

    CompletableFuture<ExceptionInfoResponse> exceptionInfo(ExceptionInfoArguments args) {
        DebugSession s = ctx.stoppedSession("show the exception");
        ExceptionDetails x = s.exceptionInfo();
        if (x == null) {
            throw new DapException(DapException.ErrorCodes.WRONG_STATE, "The program did not stop on an exception");
        }
        ExceptionInfoResponse r = new ExceptionInfoResponse();
        r.setExceptionId(x.id());
        r.setDescription(x.description());
        r.setBreakMode(ExceptionBreakMode.ALWAYS);
        org.eclipse.lsp4j.debug.ExceptionDetails d = new org.eclipse.lsp4j.debug.ExceptionDetails();
        d.setMessage(x.description());
        d.setTypeName(x.interrupt() ? "interrupt" : "exception");
        d.setFullTypeName(String.format("mcause=0x%08x mepc=0x%08x mtval=0x%08x", x.mcause(), x.mepc(), x.mtval()));
        r.setDetails(d);
        return CompletableFuture.completedFuture(r);
    }

    CompletableFuture<LoadedSourcesResponse> loadedSources(LoadedSourcesArguments args) {
        DebugSession s = ctx.session();
        LoadedSourcesResponse r = new LoadedSourcesResponse();
        r.setSources(s.loadedSources().stream().map(Protocol::source).toArray(Source[]::new));
        return CompletableFuture.completedFuture(r);
    }

    CompletableFuture<SourceResponse> source(SourceArguments args) {
        DebugSession s = ctx.session();
        Integer ref = args == null ? null : args.getSource() != null && args.getSource().getSourceReference() != null
                && args.getSource().getSourceReference() > 0 ? args.getSource().getSourceReference()
                : args.getSourceReference();
        if (ref != null && ref > 0) {
            String text = SessionCall.run(() -> ctx.listings.text(s, ref));
            if (text == null) {
                throw new DapException("The listing " + ref + " is no longer available: stop again to see it");
            }
            SourceResponse r = new SourceResponse();
            r.setContent(text);
            r.setMimeType("text/x-asm");
            return CompletableFuture.completedFuture(r);
        }
        String path = args == null || args.getSource() == null ? null : args.getSource().getPath();
        if (path == null) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                    "'source.path' is required: Backstep has no generated sources");
        }
        List<String> lines = s.sourceLines(path);
        if (lines.isEmpty()) {
            throw new DapException("Source not available: " + DapLimits.preview(path)
                    + " (only the program's own source files, as its debug information names them, are served)");
        }
        SourceResponse r = new SourceResponse();
        r.setContent(String.join("\n", lines) + "\n");
        return CompletableFuture.completedFuture(r);
    }

    static boolean hex(ValueFormat f) {
        return f != null && Boolean.TRUE.equals(f.getHex());
    }
}
