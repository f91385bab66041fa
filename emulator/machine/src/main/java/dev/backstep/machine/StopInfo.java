package dev.backstep.machine;

/**
 * Details of the last stop. Fields that do not apply to the reason are 0 / null.
 *
 * @param watchPc pc of the instruction whose access hit the watchpoint
 * @param exitCode exit code for {@link ExitKind#FAIL}, 0 for PASS
 */
public record StopInfo(StopReason reason, int pc, long icount,
                       int watchAddress, int watchSize, WatchKind watchKind, int watchPc,
                       int trapCause, int trapTval,
                       ExitKind exitKind, int exitCode,
                       String description) {

    static StopInfo simple(StopReason reason, int pc, long icount, String description) {
        return new StopInfo(reason, pc, icount, 0, 0, null, 0, 0, 0, null, 0, description);
    }

    /** True when the trap cause is an interrupt (mcause bit 31). */
    public boolean isInterrupt() {
        return trapCause < 0;
    }

    @Override
    public String toString() {
        return reason + " at pc=0x" + Integer.toHexString(pc) + " icount=" + icount
                + (description == null ? "" : " (" + description + ")");
    }
}
