package dev.backstep.gdbserver;

import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.Watchpoint;

/**
 * Stop replies ('T' packets) for timeline stops. gdb learns of watchpoint hits from
 * {@code watch:/rwatch:/awatch:ADDR}, and of the edges of history from {@code replaylog:begin|end},
 * which it reports as "No more reverse-execution history." while keeping the target, so the user can
 * still go back from the end of a run (a guest exit is therefore reported this way, not with 'W').
 */
final class StopReplies {
    static final int SIGINT = 2;
    static final int SIGTRAP = 5;

    private StopReplies() {
    }

    static String forStop(TimelineStop s, GdbBreakpointTable points) {
        return switch (s.kind()) {
            case CANCELLED -> t(SIGINT, "");
            case WATCHPOINT -> watch(s, points);
            case START_OF_RECORDING -> t(SIGTRAP, "replaylog:begin;");
            case END_OF_RECORDING, EXIT, IDLE, DIVERGENCE, RECORDING_DAMAGED -> t(SIGTRAP, "replaylog:end;");
            default -> t(SIGTRAP, "");
        };
    }

    /** What the user should read besides the stop itself (sent as console output), or null. */
    static String note(TimelineStop s) {
        return switch (s.kind()) {
            case EXIT -> "[backstep] the program exited with code " + s.exitCode()
                    + "; history is kept: reverse commands still work (kill or detach to end)\n";
            case IDLE -> "[backstep] the program waits for input that will never come (end of history)\n";
            case DIVERGENCE, RECORDING_DAMAGED, END_OF_RECORDING ->
                    "[backstep] " + (s.message() == null ? s.kind().name().toLowerCase() : s.message()) + "\n";
            case TRAP -> "[backstep] " + s.describe() + "\n";
            default -> null;
        };
    }

    static String initial() {
        return t(SIGTRAP, "");
    }

    private static String watch(TimelineStop s, GdbBreakpointTable points) {
        GdbBreakpointTable.WatchType type = points.watchType(s.breakpointId());
        Watchpoint w = points.watchpoint(s.breakpointId());
        if (type == null || w == null) {
            // the point was removed meanwhile: still a stop, not a watchpoint gdb knows
            return t(SIGTRAP, "");
        }
        // gdb matches the address against its watched ranges: report the first watched byte accessed
        long lo = Integer.toUnsignedLong(w.address());
        long addr = Math.max(lo, Integer.toUnsignedLong(s.watchAddress()));
        return t(SIGTRAP, type.stopKey + ":" + Long.toHexString(addr) + ";");
    }

    private static String t(int signal, String fields) {
        return String.format("T%02x%sthread:1;", signal, fields);
    }
}
