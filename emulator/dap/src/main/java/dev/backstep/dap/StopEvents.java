package dev.backstep.dap;

import dev.backstep.dap.protocol.BackstepStoppedEventArguments;
import dev.backstep.dap.protocol.TimeDirection;
import dev.backstep.session.Direction;
import dev.backstep.session.Stop;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;

/**
 * A session stop as a DAP stopped event: the icount, the direction and the recorded length as fields of the body,
 * and a description that says them for people.
 */
final class StopEvents {
    private StopEvents() {
    }

    static BackstepStoppedEventArguments toDap(Stop stop, long recordedLength) {
        BackstepStoppedEventArguments e = new BackstepStoppedEventArguments();
        e.setIcount(stop.icount());
        e.setDirection(direction(stop.direction()));
        e.setRecordedLength(Math.max(recordedLength, stop.icount()));
        e.setReason(reason(stop));
        e.setDescription(description(stop));
        e.setThreadId(stop.threadId() > 0 ? stop.threadId() : 1);
        e.setAllThreadsStopped(true);
        if (!stop.hitBreakpointIds().isEmpty()) {
            e.setHitBreakpointIds(stop.hitBreakpointIds().toArray(Integer[]::new));
        }
        e.setText(stop.text());
        return e;
    }

    static TimeDirection direction(Direction d) {
        return d == Direction.BACKWARD ? TimeDirection.BACKWARD : TimeDirection.FORWARD;
    }

    static String reason(Stop stop) {
        return switch (stop.reason()) {
            case ENTRY -> StoppedEventArgumentsReason.ENTRY;
            case STEP -> StoppedEventArgumentsReason.STEP;
            case BREAKPOINT -> StoppedEventArgumentsReason.BREAKPOINT;
            case FUNCTION_BREAKPOINT -> StoppedEventArgumentsReason.FUNCTION_BREAKPOINT;
            case INSTRUCTION_BREAKPOINT -> StoppedEventArgumentsReason.INSTRUCTION_BREAKPOINT;
            case DATA_BREAKPOINT -> StoppedEventArgumentsReason.DATA_BREAKPOINT;
            case EXCEPTION -> StoppedEventArgumentsReason.EXCEPTION;
            case PAUSE -> StoppedEventArgumentsReason.PAUSE;
            case GOTO -> StoppedEventArgumentsReason.GOTO;
            case START_OF_RECORDING -> "start of recording";
            case END_OF_RECORDING -> "end of recording";
            case EXITED -> "exited";
            case IDLE -> "idle";
            case ERROR -> "error";
        };
    }

    static String description(Stop stop) {
        String d = stop.description();
        if (d == null || d.isBlank()) {
            d = "Paused on " + reason(stop);
        }
        if (!d.contains("icount")) {
            d = d + " at icount " + stop.icount();
        }
        boolean backward = stop.direction() == Direction.BACKWARD;
        String lower = d.toLowerCase(java.util.Locale.ROOT);
        if (backward && !(lower.contains("back") || lower.contains("revers") || lower.contains("start of"))) {
            d = d + " (reverse)";
        }
        return d;
    }
}
