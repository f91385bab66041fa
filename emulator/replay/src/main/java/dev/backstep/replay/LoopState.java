package dev.backstep.replay;

import dev.backstep.machine.MachineStopReason;

/**
 * The timeline run loop's state between two machine runs, as one value: how the loop advances, whether the next run
 * first steps past a stop, and whether the machine stands in the middle of a step.
 *
 * @param pace        how the loop advances while nothing is to be passed
 * @param pass        what the next machine run steps past first ({@code Machine.stepPastStop})
 * @param unsettledAt the icount whose step is under way (the state is not the one on arrival there), or -1
 */
record LoopState(Pace pace, Pass pass, long unsettledAt) {

    enum Pace {
        /** Runs to the end of each slice: stop conditions are machine breakpoints, watchpoints and traps. */
        SLICES,
        /** One instruction at a time: a predicate may hold anywhere, it is evaluated at every boundary. */
        SINGLE_STEPS
    }

    enum Pass {
        NONE,
        /**
         * The operation's start, continued from silently (a trap entered there included). A breakpoint that the trap
         * entry of this step reaches (a handler's first instruction) is the start's own, not a new hit.
         */
        START,
        /** The breakpoint or trap the loop just stopped at. */
        STOP
    }

    /** @param passStart the start is stepped past (continuing from a stop), not checked for stop conditions */
    static LoopState start(boolean singleSteps, boolean passStart) {
        return new LoopState(singleSteps ? Pace.SINGLE_STEPS : Pace.SLICES, passStart ? Pass.START : Pass.NONE, -1);
    }

    boolean singleSteps() {
        return pace == Pace.SINGLE_STEPS;
    }

    boolean passing() {
        return pass != Pass.NONE;
    }

    boolean settled() {
        return unsettledAt < 0;
    }

    /**
     * After a machine run that stopped with {@code r}. An interrupted run changes nothing (the same run is tried
     * again); a breakpoint met while stops are armed, or a trap, is passed by the next run.
     *
     * @param unsettledAt where the run left the machine in the middle of a step, or -1
     */
    LoopState after(MachineStopReason r, boolean armed, long unsettledAt) {
        if (r == MachineStopReason.INTERRUPTED) {
            return this;
        }
        boolean passNext = r == MachineStopReason.TRAP || (r == MachineStopReason.BREAKPOINT && armed);
        return new LoopState(pace, passNext ? Pass.STOP : Pass.NONE, unsettledAt);
    }
}
