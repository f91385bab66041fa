package dev.backstep.session.internal;

import dev.backstep.replay.stop.Stop;
import dev.backstep.replay.stop.StopKind;

/**
 * The few timeline stops the session makes itself (the timeline makes every other one): the one place in this
 * module that builds the replay layer's stop values.
 */
final class TimelineStops {
    private TimelineStops() {
    }

    /** Where a step ended that the session placed itself (a view-only step, a refined reverse step). */
    static Stop reached(long icount, int pc, boolean backward) {
        return Stop.simple(StopKind.PREDICATE, icount, pc, backward, null);
    }

    /** A user breakpoint that holds where a reverse step's own condition stopped (it wins over the step). */
    static Stop breakpointBackward(long icount, int pc, int stopId) {
        return new Stop(StopKind.BREAKPOINT, icount, pc, true, stopId, 0, 0, false, 0, 0, 0, 0, null);
    }

    /** A request paused before its next timeline operation began: it stays where it is. */
    static Stop paused(long icount, int pc, boolean backward) {
        return Stop.simple(StopKind.CANCELLED, icount, pc, backward, "cancelled");
    }
}
