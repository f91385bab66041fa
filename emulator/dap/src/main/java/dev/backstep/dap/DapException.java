package dev.backstep.dap;

/**
 * A request that cannot be served; the message is what the user sees in the error response
 * (it says why, and names the offending attribute when there is one).
 */
public final class DapException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public DapException(String message) {
        this(ErrorCodes.REQUEST_FAILED, message);
    }

    public DapException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Numeric ids of DAP error messages (the "id" of the response body's error). */
    public static final class ErrorCodes {
        public static final int REQUEST_FAILED = 1000;
        public static final int INVALID_ARGUMENT = 1001;
        public static final int WRONG_STATE = 1002;
        public static final int NOT_SUPPORTED = 1003;
        public static final int CANCELLED = 1004;

        private ErrorCodes() {
        }
    }
}
