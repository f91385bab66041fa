package dev.backstep.session;

/**
 * A requested data breakpoint. {@code dataId} comes from {@link DataBreakpointInfo#dataId()}: "0x80000f9c/4", then
 * a space and the expression it was made for ("0x80000f9c/4 config.alarm_limit"); a client may also write a bare
 * "0x&lt;address&gt;/&lt;size&gt;" itself. Forward, a hit stops after the accessing instruction; backward, it stops on it
 * (the state before the access).
 */
public record DataBreakpoint(String dataId, DataAccess access, String condition, String hitCondition) {
    public static DataBreakpoint of(String dataId, DataAccess access) {
        return new DataBreakpoint(dataId, access, null, null);
    }

    /**
     * The expression a data breakpoint id was made for, or null for an id of a bare address: what to resolve again
     * when an id comes from an earlier session (the program may have been rebuilt since).
     */
    public static String expressionOf(String dataId) {
        if (dataId == null) {
            return null;
        }
        String t = dataId.strip();
        int space = t.indexOf(' ');
        return space < 0 || space == t.length() - 1 ? null : t.substring(space + 1).strip();
    }

    /** The same breakpoint on another id (an expression resolved again). */
    public DataBreakpoint withDataId(String id) {
        return new DataBreakpoint(id, access, condition, hitCondition);
    }
}
