package dev.backstep.session;

import java.util.List;

/**
 * Whether a data breakpoint can be set on something.
 *
 * @param dataId      null when not possible ({@code description} says why); else "0x&lt;address&gt;/&lt;size&gt; expression"
 * @param description e.g. "config.alarm_limit (4 bytes at 0x80000f9c)"
 * @param accessTypes the accesses that can be watched
 * @param canPersist  whether the id stays meaningful across sessions (true for globals)
 */
public record DataBreakpointInfo(String dataId, String description, List<DataAccess> accessTypes, boolean canPersist) {
}
