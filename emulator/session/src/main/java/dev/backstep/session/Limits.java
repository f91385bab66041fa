package dev.backstep.session;

/**
 * The bounds every front end of the session layer works within, in one place. Whatever a client sends, a request
 * costs at most these, and going past one is an error that names it ("expression too long: ... (limit 4096)"),
 * never a crash: a stack overflow, an allocation the size of the input or a quadratic loop must not be reachable
 * from a request. docs/architecture.md lists these with the protocol's own limits.
 */
public final class Limits {
    /**
     * Characters of one C expression (evaluate, print, watch, conditions, log-message parts). A debugger expression
     * is a line someone types or a client builds from names; 4096 leaves room for any of those.
     */
    public static final int MAX_EXPRESSION_LENGTH = 4096;

    /**
     * Levels of nesting in one expression: parentheses, brackets, {@code ?:}, unary operators and casts each open
     * one. C asks compilers for 63 levels of parentheses; 128 is more than anyone writes, and the deepest expression
     * allowed fits a quarter of a default Java thread stack (ExpressionLimitsTest runs it on a 256 KiB thread), so it
     * evaluates even in a breakpoint condition deep inside a reverse scan.
     */
    public static final int MAX_EXPRESSION_DEPTH = 128;

    /** Bytes one memory read may ask for. */
    public static final int MAX_MEMORY_READ = 1 << 24;

    /** Instructions one disassembly may list, and the farthest instruction offset it looks at. */
    public static final int MAX_DISASSEMBLY = 100_000;

    private Limits() {
    }
}
