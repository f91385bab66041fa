package dev.backstep.session;

import java.util.List;

/**
 * Where and why an execution request ended. The session is at {@code icount} afterwards.
 *
 * @param reason          why
 * @param direction       which way the request moved
 * @param icount          the position (instructions retired)
 * @param pc              the pc at that position
 * @param threadId        the thread (hart) that stopped; always 1 for now
 * @param description     one sentence for the user, e.g. "Paused on step back at icount 1234567",
 *                        "Breakpoint at corrupt.c:48 at icount 9876 (reverse)", "end of recording"
 * @param hitBreakpointIds ids (as returned in {@link BreakpointStatus#id()}) of the breakpoints that caused the stop
 * @param exitCode        the guest's exit code for {@link StopReason#EXITED}, else 0
 * @param text            short detail for DAP's stopped.text (exception name, data breakpoint access), or null
 */
public record Stop(StopReason reason, Direction direction, long icount, int pc, int threadId, String description,
                   List<Integer> hitBreakpointIds, int exitCode, String text) {
    public Stop {
        hitBreakpointIds = hitBreakpointIds == null ? List.of() : List.copyOf(hitBreakpointIds);
    }

    /** True when the guest ended (exit or idle) at this stop: forward requests will only report the end again. */
    public boolean atEndOfProgram() {
        return reason == StopReason.EXITED || reason == StopReason.IDLE || reason == StopReason.END_OF_RECORDING;
    }
}
