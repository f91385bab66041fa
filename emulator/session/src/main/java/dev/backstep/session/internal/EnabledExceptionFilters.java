package dev.backstep.session.internal;

import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.session.DebugSession;
import dev.backstep.session.ExceptionFilter;
import dev.backstep.session.SessionException;

import java.util.HashSet;
import java.util.Set;

/** The exception filters the user enabled: which traps stop a run (the timeline stops on exceptions, interrupts, both or none). */
final class EnabledExceptionFilters {
    private final StopSet stops;
    private final Set<String> enabled = new HashSet<>();

    EnabledExceptionFilters(StopSet stops) {
        this.stops = stops;
    }

    void set(Set<String> ids) throws SessionException {
        for (String id : ids) {
            if (DebugSession.EXCEPTION_FILTERS.stream().noneMatch(f -> f.id().equals(id))) {
                throw new SessionException("unknown exception filter '" + id + "' (known: all, exceptions, interrupts)");
            }
        }
        enabled.clear();
        enabled.addAll(ids);
        boolean all = enabled.contains(ExceptionFilter.ALL_TRAPS);
        // by kind, so that reverse scans skip the windows without a trap of that kind (execution index)
        stops.stopOnTraps(all || enabled.contains(ExceptionFilter.EXCEPTIONS),
                all || enabled.contains(ExceptionFilter.INTERRUPTS));
    }

    /** Whether the user wants to stop at this trap stop. */
    boolean wanted(TimelineStop trap) {
        boolean interrupt = trap.trapCause() < 0;
        return enabled.contains(ExceptionFilter.ALL_TRAPS)
                || enabled.contains(interrupt ? ExceptionFilter.INTERRUPTS : ExceptionFilter.EXCEPTIONS);
    }
}
