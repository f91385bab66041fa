package dev.backstep.machine;

/** Why {@link Machine#run(long)} returned. */
public enum MachineStopReason {
    /** Reached the requested icount. */
    LIMIT,
    /** About to execute an instruction at a PC breakpoint (not executed yet). */
    BREAKPOINT,
    /** A watched address was accessed; the accessing instruction has retired. */
    WATCHPOINT,
    /** A trap is about to be entered (only with {@link Machine#setStopOnTraps(boolean)}). */
    TRAP,
    /** The guest wrote the SiFive test finisher (pass, fail with code, or reset request). */
    EXIT,
    /** The hart sleeps in wfi and no input will ever wake it. */
    IDLE,
    /** Stopped at the icount at which the input source announced an event (only when asked). */
    INPUT,
    /** Trap entry keeps faulting without retiring anything (e.g. mtvec points at unmapped memory). */
    TRAP_LOOP,
    /**
     * {@link Machine#interrupt()} was called (from another thread): stopped at an instruction boundary, or
     * out of an idle wait for input, with nothing lost; run() again to go on.
     */
    INTERRUPTED
}
