package dev.backstep.session;

/**
 * A request cannot be done in the current state ("the program is running", "cannot change the past",
 * "no frame 7", "unknown variable 'x'"). The message is written for the user; the session stays usable.
 */
public class SessionException extends Exception {
    private static final long serialVersionUID = 1L;

    public SessionException(String message) {
        super(message);
    }

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
