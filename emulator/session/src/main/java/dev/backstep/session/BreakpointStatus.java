package dev.backstep.session;

/**
 * The outcome of setting one breakpoint, in request order.
 *
 * @param id       stable while the breakpoint exists (used in {@link Stop#hitBreakpointIds()})
 * @param verified whether it resolved to code (or, for data breakpoints, to memory)
 * @param path     source path as the debug info names it (null when not a source breakpoint or not resolved)
 * @param line     the line it actually sits on (moved to the next line with code), 0 when unknown
 * @param address  first code address (or watched address), -1 when unresolved
 * @param message  why it is not verified, or where it moved ("moved from line 40 to 42"), or null
 */
public record BreakpointStatus(int id, boolean verified, String path, int line, long address, String message) {
}
