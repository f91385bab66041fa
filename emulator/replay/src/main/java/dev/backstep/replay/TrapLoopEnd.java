package dev.backstep.replay;

import dev.backstep.machine.PendingTrap;
import dev.backstep.replay.format.RecordingEnd;
import dev.backstep.replay.stop.TimelineStop;

/**
 * A run that ended in a trap loop, as the END chunk says it: reason {@code TRAP LOOP mcause=0x00000001
 * mtval=0x50000000} (the fault that keeps re-entering), exit code field = mcause. A replay ends with the same TRAP stop
 * the recording run had.
 */
public final class TrapLoopEnd {
    /** The END reason's first words. */
    public static final String REASON = "TRAP LOOP";

    private TrapLoopEnd() {
    }

    static RecordingEnd of(long at, PendingTrap trap) {
        return new RecordingEnd(at, String.format("%s mcause=0x%08x mtval=0x%08x", REASON, trap.cause(), trap.tval()),
                trap.cause());
    }

    /** The trap an END of a trap loop names (mcause from the exit code field when the reason lacks it). */
    public static PendingTrap trapOf(RecordingEnd end) {
        int cause = end.exitCode();
        int tval = 0;
        for (String word : end.stopReason().split(" ")) {
            try {
                if (word.startsWith("mcause=0x")) {
                    cause = Integer.parseUnsignedInt(word.substring(9), 16);
                } else if (word.startsWith("mtval=0x")) {
                    tval = Integer.parseUnsignedInt(word.substring(8), 16);
                }
            } catch (NumberFormatException e) {
                // a damaged word: keep what the other fields say
            }
        }
        return new PendingTrap(cause, tval);
    }

    static TimelineStop stopOf(RecordingEnd end) {
        PendingTrap trap = trapOf(end);
        return TimelineStop.trap(end.finalIcount(), 0, trap, "end of recording: " + describe(trap));
    }

    /** "trap loop: instruction access fault (mcause 0x00000001, mtval 0x50000000) keeps re-entering ...". */
    public static String describe(PendingTrap trap) {
        return String.format("trap loop: %s (mcause 0x%08x, mtval 0x%08x) keeps re-entering the trap handler without "
                + "retiring an instruction", dev.backstep.machine.Trap.describe(trap.cause()), trap.cause(), trap.tval());
    }
}
