package dev.backstep.replay.stop;

/**
 * Where and why a timeline operation stopped. Fields that do not apply to the kind are 0 / false / null.
 *
 * @param icount       the position after the operation (the timeline is there)
 * @param pc           pc of the machine at that position
 * @param backward     whether the operation ran backward in time
 * @param breakpointId PC breakpoint or watchpoint id (from the StopSet), or icount breakpoint id
 * @param watchPc      pc of the instruction that made the watched access
 * @param trapCause    mcause of the trap about to be taken
 */
public record Stop(StopKind kind, long icount, int pc, boolean backward, int breakpointId,
                   int watchAddress, int watchSize, boolean watchWrite, int watchPc,
                   int trapCause, int trapTval, int exitCode, String message) {

    public static Stop simple(StopKind kind, long icount, int pc, boolean backward, String message) {
        return new Stop(kind, icount, pc, backward, 0, 0, 0, false, 0, 0, 0, 0, message);
    }

    public Stop at(long newIcount, int newPc, boolean newBackward) {
        return new Stop(kind, newIcount, newPc, newBackward, breakpointId, watchAddress, watchSize, watchWrite,
                watchPc, trapCause, trapTval, exitCode, message);
    }

    public Stop withMessage(String m) {
        return new Stop(kind, icount, pc, backward, breakpointId, watchAddress, watchSize, watchWrite,
                watchPc, trapCause, trapTval, exitCode, m);
    }

    /** One line for logs and the console debugger. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(kind.name().toLowerCase().replace('_', ' '));
        switch (kind) {
            case BREAKPOINT, ICOUNT_BREAKPOINT -> sb.append(" #").append(breakpointId);
            case WATCHPOINT -> sb.append(" #").append(breakpointId).append(watchWrite ? " write" : " read")
                    .append(String.format(" of 0x%08x (%d bytes) by pc 0x%08x", watchAddress, watchSize, watchPc));
            case TRAP -> sb.append(String.format(" cause 0x%08x tval 0x%08x", trapCause, trapTval));
            case EXIT -> sb.append(" code ").append(exitCode);
            default -> {
            }
        }
        sb.append(String.format(" at icount %d, pc 0x%08x", icount, pc));
        if (backward) {
            sb.append(" (reverse)");
        }
        if (message != null && !message.isEmpty()) {
            sb.append(": ").append(message);
        }
        return sb.toString();
    }
}
