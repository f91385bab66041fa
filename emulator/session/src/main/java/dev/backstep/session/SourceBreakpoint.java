package dev.backstep.session;

/**
 * A requested line breakpoint. {@code condition} is an expression (see {@link DebugSession#evaluate}), stop when
 * non-zero; {@code hitCondition} is "N" / "== N" (stop on the N-th hit), "&gt;= N", "&gt; N", "% N" (every N-th);
 * {@code logMessage} turns it into a log point: text with {expr} interpolation goes to output, no stop.
 * Null means absent for each.
 */
public record SourceBreakpoint(int line, String condition, String hitCondition, String logMessage) {
    public static SourceBreakpoint at(int line) {
        return new SourceBreakpoint(line, null, null, null);
    }
}
