package dev.backstep.dap;

import dev.backstep.session.DataBreakpoint;
import dev.backstep.session.FunctionBreakpoint;
import dev.backstep.session.InstructionBreakpoint;
import dev.backstep.session.SourceBreakpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The breakpoints the client asked for last, per kind (DAP replaces them per request): kept to apply
 * them when the program is launched after they were sent, and again after a restart.
 */
final class BreakpointRegistry {
    private final Map<String, List<SourceBreakpoint>> lines = new LinkedHashMap<>();
    private List<FunctionBreakpoint> functions = List.of();
    private List<InstructionBreakpoint> instructions = List.of();
    private List<DataBreakpoint> data = List.of();
    private Set<String> exceptionFilters;

    synchronized void setLines(String path, List<SourceBreakpoint> bps) {
        if (bps.isEmpty()) {
            lines.remove(path);
        } else {
            lines.put(path, List.copyOf(bps));
        }
    }

    synchronized Map<String, List<SourceBreakpoint>> lines() {
        return new LinkedHashMap<>(lines);
    }

    synchronized void setFunctions(List<FunctionBreakpoint> bps) {
        functions = List.copyOf(bps);
    }

    synchronized List<FunctionBreakpoint> functions() {
        return functions;
    }

    synchronized void setInstructions(List<InstructionBreakpoint> bps) {
        instructions = List.copyOf(bps);
    }

    synchronized List<InstructionBreakpoint> instructions() {
        return instructions;
    }

    synchronized void setData(List<DataBreakpoint> bps) {
        data = List.copyOf(bps);
    }

    synchronized List<DataBreakpoint> data() {
        return data;
    }

    synchronized void setExceptionFilters(Set<String> ids) {
        exceptionFilters = Set.copyOf(ids);
    }

    /** null when the client never sent setExceptionBreakpoints. */
    synchronized Set<String> exceptionFilters() {
        return exceptionFilters;
    }
}
