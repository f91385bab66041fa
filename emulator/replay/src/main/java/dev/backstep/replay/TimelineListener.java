package dev.backstep.replay;

/**
 * Callbacks from a timeline. Called on the thread running the timeline operation; keep them quick.
 */
public interface TimelineListener {
    /** A byte the guest sent that the timeline has never produced before (never repeated on re-runs). */
    default void output(byte b, long icount) {
    }

    /**
     * Progress of a long operation (seek, run, reverse scan, replay): {@code done} of {@code total}
     * instructions covered; total may be -1 when unknown.
     */
    default void progress(String task, long done, long total) {
    }
}
