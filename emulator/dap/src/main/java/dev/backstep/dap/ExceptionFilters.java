package dev.backstep.dap;

import dev.backstep.session.DebugSession;
import dev.backstep.session.ExceptionFilter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;

/**
 * The trap filters offered in the initialize response. Initialize comes before any program is open, so it
 * announces the session layer's static list ({@link DebugSession#EXCEPTION_FILTERS}); should an open session's
 * own list differ, it is announced with a capabilities event after launch.
 */
final class ExceptionFilters {
    static final List<ExceptionFilter> BEFORE_LAUNCH = DebugSession.EXCEPTION_FILTERS;

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
