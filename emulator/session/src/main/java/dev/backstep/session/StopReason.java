package dev.backstep.session;

/** Why an execution request ended; maps one-to-one onto DAP stopped reasons (see docs/session-api.md). */
public enum StopReason {
    /** {@link DebugSession#start()} with stopOnEntry: at icount 0, before the reset stub runs. */
    ENTRY,
    /** A step (any direction and granularity) completed. */
    STEP,
    /** A line breakpoint. */
    BREAKPOINT,
    /** A function breakpoint. */
    FUNCTION_BREAKPOINT,
    /** An instruction breakpoint. */
    INSTRUCTION_BREAKPOINT,
    /** A data breakpoint (watchpoint). */
    DATA_BREAKPOINT,
    /** A trap matched an exception filter; {@link DebugSession#exceptionInfo()} has the details. */
    EXCEPTION,
    /** {@link DebugSession#pause()} interrupted the request. */
    PAUSE,
    /** {@link DebugSession#seek(long)} arrived. */
    GOTO,
    /** Backward at icount 0. */
    START_OF_RECORDING,
    /** Forward at the end of a replayed recording, or at the end of a record session that can go no further. */
    END_OF_RECORDING,
    /** The guest exited ({@link Stop#exitCode()}); the session stays usable: the user can go back. */
    EXITED,
    /** The hart sleeps in wfi and no input will ever come. */
    IDLE,
    /** Replay diverged from the recording or the recording is damaged here; {@link Stop#description()} says how. */
    ERROR
}
