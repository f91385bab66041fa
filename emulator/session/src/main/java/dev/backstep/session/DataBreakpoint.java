package dev.backstep.session;

/**
 * A requested data breakpoint. {@code dataId} comes from {@link DataBreakpointInfo#dataId()} (format
 * "0x80000f9c/4", which a client may also write itself). Forward, a hit stops after the accessing instruction;
 * backward, it stops on it (the state before the access).
 */
public record DataBreakpoint(String dataId, DataAccess access, String condition, String hitCondition) {
    public static DataBreakpoint of(String dataId, DataAccess access) {
        return new DataBreakpoint(dataId, access, null, null);
    }
}
