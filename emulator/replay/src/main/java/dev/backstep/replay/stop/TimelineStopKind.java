package dev.backstep.replay.stop;

/** Why a timeline operation stopped. */
public enum TimelineStopKind {
    /** seek / step / stepBack reached the icount asked for. */
    REACHED,
    /** A PC breakpoint; {@link TimelineStop#breakpointId()} says which. */
    BREAKPOINT,
    /** A watchpoint; {@link TimelineStop#watchAddress()}, {@link TimelineStop#watchPc()}, {@link TimelineStop#watchWrite()}. */
    WATCHPOINT,
    /** A trap is about to be taken (state before trap entry); {@link TimelineStop#trapCause()}. */
    TRAP,
    /** A caller-supplied {@link StopPredicate} held; {@link TimelineStop#message()} names it. */
    PREDICATE,
    /** An icount breakpoint. */
    ICOUNT_BREAKPOINT,
    /** The icount limit given to runForward. */
    LIMIT,
    /** Backward at icount 0. */
    START_OF_RECORDING,
    /** Forward at the end of a replayed recording (or of its readable prefix). */
    END_OF_RECORDING,
    /** The guest exited through the test finisher; {@link TimelineStop#exitCode()}. */
    EXIT,
    /** The hart sleeps in wfi and no input will ever come. */
    IDLE,
    /** {@link dev.backstep.replay.Timeline#cancel()} was called. */
    CANCELLED,
    /** Replay does not match the recording (digest mismatch, unreachable or unexpected event). */
    DIVERGENCE,
    /** The recording file is damaged here; the message names the file offset. */
    RECORDING_DAMAGED
}
