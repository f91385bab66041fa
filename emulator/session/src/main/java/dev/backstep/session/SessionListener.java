package dev.backstep.session;

/**
 * Events from a session. Called on the thread that runs the request (or, for output produced while opening, the
 * opening thread); keep them quick. Everything a request produced is delivered before the request returns its
 * {@link Stop}, so output and stops arrive in order.
 */
public interface SessionListener {
    /** Where a piece of output came from. */
    enum Category {
        /** The guest's UART: each byte is reported once, the first time the timeline passes it, never on re-runs. */
        STDOUT,
        /** Log points and session messages (e.g. "recording written to run.bsr"). */
        CONSOLE
    }

    /** Text for the user; {@code icount} is where it was produced (the UART store or the log point). */
    default void output(Category category, String text, long icount) {
    }

    /** A long request (seek, reverse scan, long run) began; {@code id} is unique per request. */
    default void progressStart(String id, String title) {
    }

    /** @param percent 0..100, or -1 when unknown */
    default void progressUpdate(String id, String message, int percent) {
    }

    default void progressEnd(String id) {
    }
}
