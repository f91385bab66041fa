package dev.backstep.machine;

import java.util.Objects;

/**
 * Details of the last stop of {@link Machine#run}: why, where, and the details of its kind — the watched access
 * of a WATCHPOINT, the trap of a TRAP or TRAP_LOOP, the finisher request of an EXIT. A detail is present exactly
 * for its kinds (the constructor refuses anything else), so a stop cannot say two things at once.
 *
 * @param description a line for people, or null (breakpoint and limit stops are frequent in scans: no text)
 * @param watch       the access that hit the watchpoint, for WATCHPOINT only
 * @param trap        the trap about to be entered (TRAP) or that keeps re-entering (TRAP_LOOP)
 * @param exit        what the guest asked of the test finisher, for EXIT only
 */
public record MachineStop(MachineStopReason reason, int pc, long icount, String description,
                       WatchHit watch, PendingTrap trap, ExitRequest exit) {

    public MachineStop {
        Objects.requireNonNull(reason, "reason");
        requireDetail(watch != null, reason == MachineStopReason.WATCHPOINT, reason, "watch");
        requireDetail(trap != null, reason == MachineStopReason.TRAP || reason == MachineStopReason.TRAP_LOOP, reason, "trap");
        requireDetail(exit != null, reason == MachineStopReason.EXIT, reason, "exit");
    }

    private static void requireDetail(boolean present, boolean wanted, MachineStopReason reason, String detail) {
        if (present != wanted) {
            throw new IllegalArgumentException("a " + reason + " stop " + (wanted ? "needs" : "has no") + " " + detail
                    + " detail");
        }
    }

    /** A stop whose kind has no details: LIMIT, BREAKPOINT, IDLE, INPUT, INTERRUPTED. */
    static MachineStop plain(MachineStopReason reason, int pc, long icount, String description) {
        return new MachineStop(reason, pc, icount, description, null, null, null);
    }

    static MachineStop watchpoint(int pc, long icount, WatchHit hit) {
        return new MachineStop(MachineStopReason.WATCHPOINT, pc, icount, "watchpoint " + hit.watchId(), hit, null, null);
    }

    static MachineStop trap(int pc, long icount, PendingTrap trap) {
        return new MachineStop(MachineStopReason.TRAP, pc, icount, trap.describe(), null, trap, null);
    }

    static MachineStop trapLoop(int pc, long icount, PendingTrap trap, int mtvec) {
        return new MachineStop(MachineStopReason.TRAP_LOOP, pc, icount, String.format("trap loop: %s at pc=0x%08x keeps "
                + "re-entering the trap handler without retiring an instruction (mtvec=0x%08x; the handler itself "
                + "faults?)", Trap.describe(trap.cause()), pc, mtvec), null, trap, null);
    }

    static MachineStop exit(int pc, long icount, ExitRequest exit) {
        return new MachineStop(MachineStopReason.EXIT, pc, icount, exit.describe(), null, null, exit);
    }

    @Override
    public String toString() {
        return reason + " at pc=0x" + Integer.toHexString(pc) + " icount=" + icount
                + (description == null ? "" : " (" + description + ")");
    }
}
