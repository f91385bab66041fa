package dev.backstep.replay;

import dev.backstep.replay.stop.TimelineStopKind;

/**
 * How a {@link Timeline#visitHits} scan ended.
 *
 * @param next       where a scan going on from here must start: every hit before it was visited (the end of the range
 *                   when the scan covered it all)
 * @param complete   the range was covered to its end (or to the end of history)
 * @param stopKind   why it ended early: CANCELLED, DIVERGENCE..., or null when it completed or a visitor ended it
 * @param replayed   instructions replayed for the scan (re-executions included)
 * @param skipped    instructions of the range the execution index said could hold no hit, not replayed
 */
public record ScanResult(long next, boolean complete, TimelineStopKind stopKind, long replayed, long skipped) {
}
