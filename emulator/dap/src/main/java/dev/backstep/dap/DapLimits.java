package dev.backstep.dap;

/**
 * The bounds of the DAP server, beside the session's own ({@link dev.backstep.session.Limits}): whatever a client
 * sends, one message, one request and one connection cost at most these, and going past one gets an error that
 * names the limit. docs/limits.md lists them all.
 */
public final class DapLimits {
    /** Bytes of one message body (Content-Length). Larger messages are skipped and answered with an error. */
    public static final int MAX_MESSAGE_BYTES = 16 << 20;

    /** Characters of one header line kept for parsing: its end, where "Content-Length:" is looked for. */
    public static final int MAX_HEADER_LINE = 8 << 10;

    /** Characters of client text quoted back in an error message or a log line. */
    public static final int MAX_QUOTED = 200;

    /** Breakpoints in one setBreakpoints, setFunctionBreakpoints, setDataBreakpoints or setInstructionBreakpoints. */
    public static final int MAX_BREAKPOINTS_PER_REQUEST = 10_000;

    /** Variables in one page of a variables response (a client asks for more with start/count). */
    public static final int MAX_VARIABLES_PAGE = 10_000;

    /** Frames in one page of a stackTrace response. */
    public static final int MAX_STACK_FRAMES = 10_000;

    /** Concurrent sessions of one `dap --port` server unless --max-sessions says otherwise. */
    public static final int DEFAULT_MAX_SESSIONS = 8;

    private DapLimits() {
    }

    /** Client text as an error quotes it: whole when short, else its start and its length. */
    public static String preview(String text) {
        if (text == null || text.length() <= MAX_QUOTED) {
            return text;
        }
        return text.substring(0, MAX_QUOTED) + "... (" + text.length() + " characters)";
    }
}
