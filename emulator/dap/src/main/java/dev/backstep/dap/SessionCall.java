package dev.backstep.dap;

import dev.backstep.session.SessionException;

/** A call into the session whose SessionException becomes an error response carrying the session's words. */
@FunctionalInterface
interface SessionCall<T> {
    T call() throws SessionException;

    static <T> T run(SessionCall<T> c) {
        try {
            return c.call();
        } catch (SessionException e) {
            throw new DapException(e.getMessage());
        }
    }
}
