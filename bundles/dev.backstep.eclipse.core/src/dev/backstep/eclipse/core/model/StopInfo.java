package dev.backstep.eclipse.core.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.debug.core.DebugEvent;

/** One stop as the server reported it: reason, the description with its icount, and the icount parsed out. */
public record StopInfo(String reason, String description, long icount) {

    private static final Pattern ICOUNT = Pattern.compile("icount\\s+(\\d+)");

    public static StopInfo of(String reason, String description) {
        long icount = -1;
        if (description != null) {
            Matcher m = ICOUNT.matcher(description);
            if (m.find()) {
                icount = Long.parseLong(m.group(1));
            }
        }
        return new StopInfo(reason == null ? "" : reason, description, icount);
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
