package dev.backstep.dap;

import dev.backstep.session.BreakpointStatus;
import dev.backstep.session.DataAccess;
import dev.backstep.session.DataBreakpointInfo;
import dev.backstep.session.DebugSession;
import dev.backstep.session.FunctionBreakpoint;
import dev.backstep.session.InstructionBreakpoint;
import dev.backstep.session.SourceBreakpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
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

/** setBreakpoints, setFunctionBreakpoints, setInstructionBreakpoints, data and exception breakpoints. */
final class BreakpointHandler {
    private static final Logger LOG = Logger.getLogger(BreakpointHandler.class.getName());
    private final DebugContext ctx;

    BreakpointHandler(DebugContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        if (args == null || args.getSource() == null || args.getSource().getPath() == null) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                    "'source.path' is required: Backstep sets breakpoints in files named by path");
        }
        String path = args.getSource().getPath();
        List<SourceBreakpoint> bps = new ArrayList<>();
        if (args.getBreakpoints() != null) {
            bounded(args.getBreakpoints(), "breakpoints");
            for (var b : args.getBreakpoints()) {
                bps.add(new SourceBreakpoint(ctx.client.fromClientLine(b.getLine()), blankToNull(b.getCondition()),
                        blankToNull(b.getHitCondition()), blankToNull(b.getLogMessage())));
            }
        } else if (args.getLines() != null) {
            if (args.getLines().length > DapLimits.MAX_BREAKPOINTS_PER_REQUEST) {
                throw tooMany("lines", args.getLines().length);
            }
            for (int line : args.getLines()) {
                bps.add(SourceBreakpoint.at(ctx.client.fromClientLine(line)));
            }
        }
        ctx.breakpoints.setLines(path, bps);
        return apply(bps.size(), s -> s.setLineBreakpoints(path, bps)).thenApply(list -> {
            SetBreakpointsResponse r = new SetBreakpointsResponse();
            r.setBreakpoints(list);
            return r;
        });
    }

    CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
        List<FunctionBreakpoint> bps = new ArrayList<>();
        if (args != null && args.getBreakpoints() != null) {
            bounded(args.getBreakpoints(), "breakpoints");
            for (var b : args.getBreakpoints()) {
                if (b.getName() == null || b.getName().isBlank()) {
                    throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                            "'breakpoints[].name' is required: the function to stop in");
                }
                bps.add(new FunctionBreakpoint(b.getName().trim(), blankToNull(b.getCondition()),
                        blankToNull(b.getHitCondition())));
            }
        }
        ctx.breakpoints.setFunctions(bps);
        return apply(bps.size(), s -> s.setFunctionBreakpoints(bps)).thenApply(list -> {
            SetFunctionBreakpointsResponse r = new SetFunctionBreakpointsResponse();
            r.setBreakpoints(list);
            return r;
        });
    }

    CompletableFuture<SetInstructionBreakpointsResponse> setInstructionBreakpoints(
            SetInstructionBreakpointsArguments args) {
        List<InstructionBreakpoint> bps = new ArrayList<>();
        if (args != null && args.getBreakpoints() != null) {
            bounded(args.getBreakpoints(), "breakpoints");
            for (var b : args.getBreakpoints()) {
                long address = Protocol.parseAddress(b.getInstructionReference(), "instructionReference")
                        + Protocol.orDefault(b.getOffset(), 0);
                bps.add(new InstructionBreakpoint(address, blankToNull(b.getCondition()),
                        blankToNull(b.getHitCondition())));
            }
        }
        ctx.breakpoints.setInstructions(bps);
        return apply(bps.size(), s -> s.setInstructionBreakpoints(bps)).thenApply(list -> {
            SetInstructionBreakpointsResponse r = new SetInstructionBreakpointsResponse();
            r.setBreakpoints(list);
            return r;
        });
    }

    CompletableFuture<DataBreakpointInfoResponse> dataBreakpointInfo(DataBreakpointInfoArguments args) {
        if (args == null || args.getName() == null || args.getName().isBlank()) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'name' is required");
        }
        DebugSession s = ctx.stoppedSession("inspect data");
        Integer ref = args.getVariablesReference();
        DataBreakpointInfo info = SessionCall.run(() -> ref != null && ref > 0
                ? s.dataBreakpointInfo(ref, args.getName())
                : s.dataBreakpointInfoForExpression(args.getName(), Protocol.orDefault(args.getFrameId(), 0)));
        ctx.dataBreakpoints.issued(info.dataId());
        DataBreakpointInfoResponse r = new DataBreakpointInfoResponse();
        r.setDataId(info.dataId());
        r.setDescription(info.description());
        if (info.dataId() != null) {
            r.setAccessTypes(info.accessTypes().stream().map(BreakpointHandler::toDap)
                    .toArray(DataBreakpointAccessType[]::new));
            r.setCanPersist(info.canPersist());
        }
        return CompletableFuture.completedFuture(r);
    }

    CompletableFuture<SetDataBreakpointsResponse> setDataBreakpoints(SetDataBreakpointsArguments args) {
        List<dev.backstep.session.DataBreakpoint> bps = new ArrayList<>();
        if (args != null && args.getBreakpoints() != null) {
            bounded(args.getBreakpoints(), "breakpoints");
            for (var b : args.getBreakpoints()) {
                if (b.getDataId() == null || b.getDataId().isBlank()) {
                    throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                            "'breakpoints[].dataId' is required (from dataBreakpointInfo)");
                }
                bps.add(new dev.backstep.session.DataBreakpoint(b.getDataId(), fromDap(b.getAccessType()),
                        blankToNull(b.getCondition()), blankToNull(b.getHitCondition())));
            }
        }
        ctx.breakpoints.setData(bps);
        return apply(bps.size(), s -> ctx.dataBreakpoints.set(s, bps)).thenApply(list -> {
            for (Breakpoint b : list) {
                b.setInstructionReference(null); // the session reports the watched address, which is no code
            }
            SetDataBreakpointsResponse r = new SetDataBreakpointsResponse();
            r.setBreakpoints(list);
            return r;
        });
    }

    CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(SetExceptionBreakpointsArguments args) {
        Set<String> ids = new LinkedHashSet<>();
        if (args != null && args.getFilters() != null) {
            bounded(args.getFilters(), "filters");
            for (String f : args.getFilters()) {
                if (f == null) {
                    throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                            "'filters' must hold filter ids, not null");
                }
                ids.add(f);
            }
        }
        if (args != null && args.getFilterOptions() != null) {
            bounded(args.getFilterOptions(), "filterOptions");
            for (var o : args.getFilterOptions()) {
                if (o == null || o.getFilterId() == null) {
                    throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                            "each of 'filterOptions' needs a 'filterId'");
                }
                ids.add(o.getFilterId());
            }
        }
        Set<String> known = ExceptionFilters.ids(ctx.sessionOrNull());
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                        "Unknown exception filter '" + DapLimits.preview(id) + "'; known: " + String.join(", ", known));
            }
        }
        ctx.breakpoints.setExceptionFilters(ids);
        return apply(ids.size(), s -> {
            s.setExceptionFilters(ids);
            return ids.stream().map(id -> new BreakpointStatus(0, true, null, 0, -1, null)).toList();
        }).thenApply(list -> {
            SetExceptionBreakpointsResponse r = new SetExceptionBreakpointsResponse();
            Breakpoint[] bps = list;
            for (Breakpoint b : bps) {
                b.setId(null);
            }
            r.setBreakpoints(bps);
            return r;
        });
    }

    /** Re-applies everything the client asked for to a freshly opened session (launch, restart). */
    void applyAll(DebugSession s) {
        for (Map.Entry<String, List<SourceBreakpoint>> e : ctx.breakpoints.lines().entrySet()) {
            quietly(() -> s.setLineBreakpoints(e.getKey(), e.getValue()));
        }
        if (!ctx.breakpoints.functions().isEmpty()) {
            quietly(() -> s.setFunctionBreakpoints(ctx.breakpoints.functions()));
        }
        if (!ctx.breakpoints.instructions().isEmpty()) {
            quietly(() -> s.setInstructionBreakpoints(ctx.breakpoints.instructions()));
        }
        if (!ctx.breakpoints.data().isEmpty()) {
            quietly(() -> ctx.dataBreakpoints.set(s, ctx.breakpoints.data()));
        }
        Set<String> filters = ctx.breakpoints.exceptionFilters();
        if (filters != null) {
            quietly(() -> {
                s.setExceptionFilters(filters);
                return null;
            });
        }
    }

    private void quietly(SessionCall<?> c) {
        try {
            c.call();
        } catch (Exception e) {
            LOG.log(Level.INFO, "could not re-apply breakpoints: " + e.getMessage());
        }
    }

    private interface Setter {
        List<BreakpointStatus> set(DebugSession s) throws dev.backstep.session.SessionException;
    }

    /** Applies now, or once the program stops; before launch, answers "not yet" and keeps them for launch. */
    private CompletableFuture<Breakpoint[]> apply(int count, Setter setter) {
        DebugSession s = ctx.sessionOrNull();
        if (s == null) {
            Breakpoint[] pending = new Breakpoint[count];
            for (int i = 0; i < count; i++) {
                pending[i] = new Breakpoint();
                pending[i].setVerified(false);
                pending[i].setMessage("The program is not launched yet; the breakpoint is set at launch");
            }
            return CompletableFuture.completedFuture(pending);
        }
        return ctx.runner.whenStopped(() -> SessionCall.run(() -> setter.set(s)))
                .thenApply(list -> list.stream().map(this::toDap).toArray(Breakpoint[]::new));
    }

    private Breakpoint toDap(BreakpointStatus st) {
        Breakpoint b = new Breakpoint();
        if (st.id() > 0) {
            b.setId(st.id());
        }
        b.setVerified(st.verified());
        b.setMessage(st.message());
        if (st.path() != null) {
            b.setSource(Protocol.source(st.path()));
        }
        if (st.line() > 0) {
            b.setLine(ctx.client.toClientLine(st.line()));
        }
        if (st.address() >= 0) {
            b.setInstructionReference(Protocol.hex(st.address()));
        }
        return b;
    }

    private static DataBreakpointAccessType toDap(DataAccess a) {
        return switch (a) {
            case WRITE -> DataBreakpointAccessType.WRITE;
            case READ -> DataBreakpointAccessType.READ;
            case READ_WRITE -> DataBreakpointAccessType.READ_WRITE;
        };
    }

    private static DataAccess fromDap(DataBreakpointAccessType a) {
        if (a == null) {
            return DataAccess.WRITE;
        }
        return switch (a) {
            case WRITE -> DataAccess.WRITE;
            case READ -> DataAccess.READ;
            case READ_WRITE -> DataAccess.READ_WRITE;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Refuses an array longer than a request may carry ({@link DapLimits#MAX_BREAKPOINTS_PER_REQUEST}). */
    private static void bounded(Object[] items, String attribute) {
        if (items.length > DapLimits.MAX_BREAKPOINTS_PER_REQUEST) {
            throw tooMany(attribute, items.length);
        }
    }

    private static DapException tooMany(String attribute, int n) {
        return new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "too many '" + attribute + "': " + n
                + " (limit " + DapLimits.MAX_BREAKPOINTS_PER_REQUEST + " per request)");
    }
}
