package dev.backstep.session;

import java.util.List;

/**
 * One page of a whole-recording query.
 *
 * @param kind     "values" or "hits"
 * @param subject  what was asked about, for people ("config.alarm_limit (4 bytes at 0x80000f9c)", "corrupt.c:35")
 * @param type     the C type of the values (value history, or the expression of a line history), or null
 * @param initial  value history: the value at the start of the range; else null
 * @param entries  in icount order
 * @param next     where the next page starts (pass it as {@code from}), or -1 when the range is covered
 * @param cancelled the query was cancelled (paused): {@code next} says how far it got
 * @param replayed instructions replayed for this page
 * @param skipped  instructions of the range the execution index ruled out (not replayed)
 */
public record HistoryPage(String kind, String subject, String type, String initial, List<HistoryEntry> entries,
                          long next, boolean cancelled, long replayed, long skipped) {
    public HistoryPage {
        entries = List.copyOf(entries);
    }

    public boolean more() {
        return next >= 0;
    }
}
