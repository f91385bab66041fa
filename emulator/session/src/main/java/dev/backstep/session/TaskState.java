package dev.backstep.session;

/** What an RTOS task is doing at a stop, as the kernel's own lists say. */
public enum TaskState {
    /** On the hart now. */
    RUNNING("running"),
    /** Ready to run, waiting for the hart. */
    READY("ready"),
    /** Waiting for time to pass or for an event (a queue, a semaphore, a notification). */
    BLOCKED("blocked"),
    /** Taken off the scheduler until someone resumes it. */
    SUSPENDED("suspended"),
    /** Deleted, not yet cleared away by the kernel. */
    DELETED("deleted");

    private final String word;

    TaskState(String word) {
        this.word = word;
    }

    /** The word shown to people ("blocked"). */
    public String word() {
        return word;
    }
}
