package dev.backstep.dap;

import dev.backstep.session.DebugSession;
import dev.backstep.session.ExceptionFilter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;

/**
 * The trap filters offered in the initialize response. The session knows its filters only once a program
 * is open, but initialize comes first: these are the session layer's documented ids; after launch the
 * session's own list is announced with a capabilities event if it differs.
 */
final class ExceptionFilters {
    static final List<ExceptionFilter> BEFORE_LAUNCH = List.of(
            new ExceptionFilter(ExceptionFilter.EXCEPTIONS, "Exceptions",
                    "Stop when an exception is about to be taken (illegal instruction, access fault, ecall, ebreak)",
                    false),
            new ExceptionFilter(ExceptionFilter.INTERRUPTS, "Interrupts",
                    "Stop when an interrupt is about to be taken (timer, software, external)", false),
            new ExceptionFilter(ExceptionFilter.ALL_TRAPS, "All traps", "Stop on every trap", false));

    private ExceptionFilters() {
    }

    static List<ExceptionFilter> of(DebugSession s) {
        return s == null ? BEFORE_LAUNCH : s.exceptionFilters();
    }

    static Set<String> ids(DebugSession s) {
        Set<String> ids = new LinkedHashSet<>();
        for (ExceptionFilter f : of(s)) {
            ids.add(f.id());
        }
        return ids;
    }

    static ExceptionBreakpointsFilter[] toDap(List<ExceptionFilter> filters) {
        return filters.stream().map(f -> {
            ExceptionBreakpointsFilter d = new ExceptionBreakpointsFilter();
            d.setFilter(f.id());
            d.setLabel(f.label());
            d.setDescription(f.description());
            d.setDefault_(f.defaultOn());
            return d;
        }).toArray(ExceptionBreakpointsFilter[]::new);
    }
}
