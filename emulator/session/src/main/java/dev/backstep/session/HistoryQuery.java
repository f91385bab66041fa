package dev.backstep.session;

/**
 * A whole-recording query: the value history of an expression's bytes ({@link #values}) or the line history of a
 * source line or function ({@link #hits}), over [from, to) of the recorded history, at most {@code maxEntries}
 * entries per page (a {@link HistoryPage#next()} goes on from where a full page ended).
 *
 * @param expression value history: the lvalue watched ("config.alarm_limit"), evaluated in {@code frameId}; line
 *                   history: an optional expression evaluated (in the innermost frame) at every hit, or null
 * @param frameId    the frame {@code expression} is evaluated in for a value history (0: the top frame)
 * @param dataId     value history: a data breakpoint id ({@link DataBreakpointInfo#dataId()}) instead of an expression
 * @param path       line history: the source file (as for a line breakpoint), or null with {@code function}
 * @param line       line history: the line (the next line with code when it has none)
 * @param function   line history: a function whose entries are listed (where a function breakpoint stops), or null
 * @param from       first icount of the range (0: the start)
 * @param to         end of the range, exclusive (Long.MAX_VALUE or less than 0: the end of the recorded history)
 * @param maxEntries entries per page, clamped to [1, {@link #MAX_ENTRIES}] (0 or less: {@link #DEFAULT_ENTRIES})
 */
public record HistoryQuery(String expression, int frameId, String dataId, String path, int line, String function,
                           long from, long to, int maxEntries) {
    public static final int DEFAULT_ENTRIES = 200;
    public static final int MAX_ENTRIES = 10_000;

    public static HistoryQuery values(String expression, int frameId) {
        return new HistoryQuery(expression, frameId, null, null, 0, null, 0, Long.MAX_VALUE, 0);
    }

    public static HistoryQuery valuesOfData(String dataId) {
        return new HistoryQuery(null, 0, dataId, null, 0, null, 0, Long.MAX_VALUE, 0);
    }

    public static HistoryQuery hits(String path, int line, String expression) {
        return new HistoryQuery(expression, 0, null, path, line, null, 0, Long.MAX_VALUE, 0);
    }

    public static HistoryQuery functionHits(String function, String expression) {
        return new HistoryQuery(expression, 0, null, null, 0, function, 0, Long.MAX_VALUE, 0);
    }

    public HistoryQuery range(long fromIcount, long toIcount) {
        return new HistoryQuery(expression, frameId, dataId, path, line, function, fromIcount, toIcount, maxEntries);
    }

    public HistoryQuery limit(int entries) {
        return new HistoryQuery(expression, frameId, dataId, path, line, function, from, to, entries);
    }

    /** The page size actually used. */
    public int pageSize() {
        return maxEntries <= 0 ? DEFAULT_ENTRIES : Math.min(maxEntries, MAX_ENTRIES);
    }

    /** The end of the range actually asked for (Long.MAX_VALUE: the end of history). */
    public long end() {
        return to < 0 ? Long.MAX_VALUE : to;
    }
}
