package dev.backstep.replay.stop;

import dev.backstep.machine.Machine;

/**
 * A caller-supplied stop condition on the state at an instruction boundary (before the instruction at
 * pc executes), such as "the line changed in this frame or an outer one" or "this frame returned".
 *
 * <p>Efficiency: a predicate that can only hold at a few PCs (statement starts, a return address)
 * declares them in {@link #candidatePcs()}; the timeline turns them into machine breakpoints and calls
 * {@link #test} only there, at full emulation speed in between. Returning null means "could hold
 * anywhere", which makes the timeline step instruction by instruction while the predicate is active
 * (correct, but one to two orders of magnitude slower).
 */
public interface StopPredicate {

    /** PCs at which {@link #test} can return true, or null if any PC is possible. Read once per run. */
    default int[] candidatePcs() {
        return null;
    }

    /** Whether to stop at this state. Must not change the machine. */
    boolean test(Machine m, long icount);

    /** Shown in stop descriptions. */
    default String describe() {
        return getClass().getSimpleName();
    }
}
