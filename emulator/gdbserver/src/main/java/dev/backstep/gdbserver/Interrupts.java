package dev.backstep.gdbserver;

import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.TimelineStop;
import java.util.function.Supplier;

/**
 * Ctrl-C from gdb. The interrupt byte applies to the run of the last packet gdb sent before it: gdb sends it only
 * while it waits for that run's stop reply. It arrives on the channel's reader thread, possibly before the session
 * thread has taken that packet (the timeline keeps the cancel until the run begins), or after the run has ended
 * (late: the stop reply was already on its way, and the request is dropped rather than cancel the next run).
 */
final class Interrupts {
    private final Timeline timeline;
    /** Packets received before the latest interrupt byte, or -1. */
    private long interruptedAfter = -1;
    /** The number of the packet whose run is under way, or -1. */
    private long running = -1;
    /** gdb has gone: no run of this connection may go on (nobody waits for its stop reply). */
    private boolean lost;

    Interrupts(Timeline timeline) {
        this.timeline = timeline;
    }

    /** Reader thread: the interrupt byte came after {@code packetsBefore} packets. */
    synchronized void requested(long packetsBefore) {
        interruptedAfter = packetsBefore;
        if (running >= 0 && packetsBefore >= running) {
            timeline.cancel();
        }
    }

    /**
     * Reader thread: the connection has ended. A run under way is cancelled (a reverse scan goes back to where it
     * began, a forward run stays where it stopped), so the next gdb is served at once and finds a position this
     * connection chose, not the end of an abandoned scan.
     */
    synchronized void connectionLost() {
        lost = true;
        if (running >= 0) {
            timeline.cancel();
        }
    }

    /** Session thread: runs packet {@code packet}'s timeline operation; an interrupt sent after that packet ends it. */
    TimelineStop run(long packet, Supplier<TimelineStop> op) {
        synchronized (this) {
            timeline.clearCancel(); // a late interrupt of an earlier run
            running = packet;
            if (interruptedAfter >= packet || lost) {
                timeline.cancel(); // it came before this run began
            }
        }
        try {
            return op.get();
        } finally {
            synchronized (this) {
                running = -1;
            }
        }
    }
}
