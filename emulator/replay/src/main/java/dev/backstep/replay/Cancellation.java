package dev.backstep.replay;

/**
 * The cancel (pause) contract of timeline operations, see {@link Timeline#cancel()}: a request ends the operation
 * running, or, when none runs, the next one to begin. It is never lost for arriving early: it stays pending until an
 * operation ends, whatever ended it (the request is then used up), or until the caller clears it
 * ({@link Timeline#clearCancel()}) as it starts a new user operation to which no earlier request should apply.
 */
final class Cancellation {
    private volatile boolean requested;

    /** Any thread. */
    void request() {
        requested = true;
    }

    boolean requested() {
        return requested;
    }

    void clear() {
        requested = false;
    }
}
