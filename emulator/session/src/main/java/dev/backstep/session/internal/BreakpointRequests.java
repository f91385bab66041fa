package dev.backstep.session.internal;

import dev.backstep.session.BreakpointStatus;
import dev.backstep.session.DataAccess;
import dev.backstep.session.DataBreakpoint;
import dev.backstep.session.DataBreakpointInfo;
import dev.backstep.session.FunctionBreakpoint;
import dev.backstep.session.InstructionBreakpoint;
import dev.backstep.session.SessionException;
import dev.backstep.session.SourceBreakpoint;
import dev.backstep.session.VariableInfo;
import dev.backstep.session.internal.expr.ExprException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The breakpoint requests: each kind replaced as a whole (as DAP does), exception filters, and what can be watched.
 * Statuses name source files as the user's checkout has them.
 */
final class BreakpointRequests {
    private final BreakpointTable table;
    private final EnabledExceptionFilters filters;
    private final SourcePaths sources;
    private final Supplier<CurrentStop> here;

    BreakpointRequests(BreakpointTable table, EnabledExceptionFilters filters, SourcePaths sources,
                       Supplier<CurrentStop> here) {
        this.table = table;
        this.filters = filters;
        this.sources = sources;
        this.here = here;
    }

    List<BreakpointStatus> setLine(String path, List<SourceBreakpoint> bps) {
        return local(table.setLine(path, sources.fromClient(path), bps == null ? List.of() : bps));
    }

    List<BreakpointStatus> setFunctions(List<FunctionBreakpoint> bps) {
        return local(table.setFunctions(bps == null ? List.of() : bps));
    }

    List<BreakpointStatus> setInstructions(List<InstructionBreakpoint> bps) {
        return local(table.setInstructions(bps == null ? List.of() : bps));
    }

    List<BreakpointStatus> setData(List<DataBreakpoint> bps) {
        return local(table.setData(bps == null ? List.of() : bps));
    }

    void setExceptionFilters(Set<String> ids) throws SessionException {
        filters.set(ids);
    }

    DataBreakpointInfo watchable(int variablesReference, String name) throws SessionException {
        VariableInfo v = here.get().viewOf(variablesReference).child(variablesReference, name);
        return watchable(v.evaluateName() != null ? v.evaluateName() : name, v.memoryAddress(), v.size());
    }

    DataBreakpointInfo watchableExpression(String expression, int frameId) throws SessionException {
        try {
            VariableInfo v = here.get().viewOf(frameId).evaluate(expression, frameId, false);
            return watchable(expression, v.memoryAddress(), v.size());
        } catch (ExprException e) {
            return new DataBreakpointInfo(null, "cannot watch " + expression + ": " + e.getMessage(), List.of(), false);
        }
    }

    private static DataBreakpointInfo watchable(String what, long address, long size) {
        if (address < 0) {
            return new DataBreakpointInfo(null, what + " is not in memory (a register or computed value)", List.of(),
                    false);
        }
        if (size <= 0) {
            return new DataBreakpointInfo(null, what + " has no size", List.of(), false);
        }
        return new DataBreakpointInfo(DataIds.of(address, size, what),
                String.format("%s (%d bytes at 0x%08x)", what, size, address),
                List.of(DataAccess.WRITE, DataAccess.READ, DataAccess.READ_WRITE), true);
    }

    private List<BreakpointStatus> local(List<BreakpointStatus> statuses) {
        List<BreakpointStatus> out = new ArrayList<>(statuses.size());
        for (BreakpointStatus b : statuses) {
            out.add(new BreakpointStatus(b.id(), b.verified(), sources.local(b.path()), b.line(), b.address(),
                    b.message()));
        }
        return out;
    }
}
