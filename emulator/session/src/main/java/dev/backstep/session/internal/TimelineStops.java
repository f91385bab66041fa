package dev.backstep.session.internal;

import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;

/**
 * The few timeline stops the session makes itself (the timeline makes every other one): the one place in this
 * module that builds the replay layer's stop values.
 */
final class TimelineStops {
    private TimelineStops() {
    }

    /** Where a step ended that the session placed itself (a view-only step, a refined reverse step). */
    static TimelineStop reached(long icount, int pc, boolean backward) {
        return TimelineStop.simple(TimelineStopKind.PREDICATE, icount, pc, backward, null);
    }

    /** A user breakpoint that holds where a reverse step's own condition stopped (it wins over the step). */
    static TimelineStop breakpointBackward(long icount, int pc, int stopId) {
        return TimelineStop.breakpoint(icount, pc, true, stopId);
    }

    /** A request paused before its next timeline operation began: it stays where it is. */
    static TimelineStop paused(long icount, int pc, boolean backward) {
        return TimelineStop.simple(TimelineStopKind.CANCELLED, icount, pc, backward, "cancelled");
    }
}
