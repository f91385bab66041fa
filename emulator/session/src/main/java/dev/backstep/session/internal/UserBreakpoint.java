package dev.backstep.session.internal;

import dev.backstep.session.BreakpointStatus;
import dev.backstep.session.StopReason;

import java.util.ArrayList;
import java.util.List;

/** One breakpoint as the user set it, and the timeline stops (PC breakpoints, watchpoints) that implement it. */
final class UserBreakpoint {
    enum Kind { LINE, FUNCTION, INSTRUCTION, DATA }

    final int id;
    final Kind kind;
    final String condition;
    final String logMessage;
    final String label;
    final List<Integer> stopIds = new ArrayList<>();
    BreakpointStatus status;
    /** Set when the condition failed to evaluate at the last hit: the stop says so. */
    String conditionError;
    /** The parsed hit condition, null for none. */
    java.util.function.LongPredicate hitCondition;
    /**
     * Hits so far, over all the addresses of this breakpoint (a line with several pieces of code counts once per
     * hit of any), counted in the direction of travel like gdb's ignore counts.
     */
    long hits;

    UserBreakpoint(int id, Kind kind, String condition, String logMessage, String label) {
        this.id = id;
        this.kind = kind;
        this.condition = blank(condition) ? null : condition;
        this.logMessage = blank(logMessage) ? null : logMessage;
        this.label = label;
    }

    /** Counts one hit whose condition held; true when the hit condition lets it stop (or print). */
    boolean countHit() {
        hits++;
        return hitCondition == null || hitCondition.test(hits);
    }

    /** Takes back a hit that the debugger counted but did not end up passing (a refined reverse step). */
    void uncountHit() {
        if (hits > 0) {
            hits--;
        }
    }

    StopReason reason() {
        return switch (kind) {
            case LINE -> StopReason.BREAKPOINT;
            case FUNCTION -> StopReason.FUNCTION_BREAKPOINT;
            case INSTRUCTION -> StopReason.INSTRUCTION_BREAKPOINT;
            case DATA -> StopReason.DATA_BREAKPOINT;
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
