package dev.backstep.replay.stop;

/**
 * One place where a stop condition held during a run, before hit counting decides whether to stop.
 *
 * @param icount   position of the stop as seen going forward (for a watchpoint: after the access)
 * @param onIcount position "on" the event (for a watchpoint: the accessing instruction, icount - 1;
 *                 otherwise equal to icount); reverse runs stop there
 * @param source   the PcBreakpoint, Watchpoint or StopPredicate that held; null for traps
 * @param stop     the stop to report if this hit is the one (position fields as going forward)
 */
public record Hit(long icount, long onIcount, Object source, TimelineStop stop) {
}
