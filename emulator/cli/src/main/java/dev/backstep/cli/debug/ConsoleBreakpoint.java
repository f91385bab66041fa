package dev.backstep.cli.debug;

import dev.backstep.session.BreakpointStatus;
import dev.backstep.session.DataAccess;

/**
 * One breakpoint or watchpoint as the console user knows it: its console number (stable until deleted, unlike the
 * session's ids, which change whenever its kind is resent), the request, and what the session made of it.
 */
final class ConsoleBreakpoint {
    /** How the session groups requests: each group is resent whole on any change (line ones per file). */
    enum Group { LINE, FUNCTION, INSTRUCTION, DATA }

    final int number;
    final Group group;
    /** The file key of a line breakpoint (as the user wrote it), else null. */
    final String file;
    /** The session request: a SourceBreakpoint, FunctionBreakpoint, InstructionBreakpoint or DataBreakpoint. */
    final Object request;
    /** What the user asked for: "corrupt.c:60", "configure", "*0x8000058a", or the watched expression's description. */
    final String what;
    final String condition;
    /** The watched access for a watchpoint, else null. */
    final DataAccess access;
    boolean enabled = true;
    /** tbreak: deleted once it stops the program. */
    boolean temporary;
    /** Stops at this breakpoint that the console reported (the session does not expose its own counts). */
    int hits;
    /** The session's answer to the last set* call that included this one; null while disabled. */
    BreakpointStatus status;

    ConsoleBreakpoint(int number, Group group, String file, Object request, String what, String condition,
                      DataAccess access) {
        this.number = number;
        this.group = group;
        this.file = file;
        this.request = request;
        this.what = what;
        this.condition = condition;
        this.access = access;
    }

    boolean sameGroup(ConsoleBreakpoint o) {
        return group == o.group && (file == null ? o.file == null : file.equals(o.file));
    }

    /** gdb's word for the kind: breakpoint, hw watchpoint, read watchpoint, acc watchpoint. */
    String kind() {
        if (access == null) {
            return "breakpoint";
        }
        return switch (access) {
            case WRITE -> "hw watchpoint";
            case READ -> "read watchpoint";
            case READ_WRITE -> "acc watchpoint";
        };
    }

    /** The word that starts a stop or set message: Breakpoint, Watchpoint, Read watchpoint, Access watchpoint. */
    String title() {
        if (access == null) {
            return temporary ? "Temporary breakpoint" : "Breakpoint";
        }
        return switch (access) {
            case WRITE -> "Watchpoint";
            case READ -> "Read watchpoint";
            case READ_WRITE -> "Access watchpoint";
        };
    }
}
