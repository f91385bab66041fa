package dev.backstep.eclipse.core.model;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.lsp4j.debug.StoppedEventArguments;

import dev.backstep.dap.protocol.BackstepStoppedEventArguments;
import dev.backstep.dap.protocol.TimeDirection;

/**
 * One stop as the server reported it: reason, description, and where it is in time, taken from the fields of the
 * stopped event (the server's protocol artifact defines them; nothing is parsed out of the text).
 *
 * @param icount         -1 when the server sent none
 * @param backward       the operation that stopped here ran backward
 * @param recordedLength where the recorded history ended at this stop, -1 when not sent
 */
public record StopInfo(String reason, String description, long icount, boolean backward, long recordedLength) {

    public static StopInfo of(StoppedEventArguments args) {
        long icount = -1;
        long recorded = -1;
        boolean backward = false;
        if (args instanceof BackstepStoppedEventArguments b) {
            icount = b.getIcount() == null ? -1 : b.getIcount();
            recorded = b.getRecordedLength() == null ? -1 : b.getRecordedLength();
            backward = b.getDirection() == TimeDirection.BACKWARD;
        }
        return new StopInfo(args.getReason() == null ? "" : args.getReason(), args.getDescription(), icount, backward,
                recorded);
    }

    /** The platform's detail code for a suspend event with this reason. */
    public int detail() {
        return switch (reason) {
            case "breakpoint", "function breakpoint", "instruction breakpoint", "data breakpoint", "exception" ->
                DebugEvent.BREAKPOINT;
            case "step" -> DebugEvent.STEP_END;
            default -> DebugEvent.CLIENT_REQUEST;
        };
    }

    /** Short label for the Debug view, e.g. "breakpoint at icount 1234". */
    public String label() {
        if (description != null && !description.isBlank()) {
            return description;
        }
        return icount >= 0 ? reason + " at icount " + icount : reason;
    }
}
