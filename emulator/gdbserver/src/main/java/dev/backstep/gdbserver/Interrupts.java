package dev.backstep.gdbserver;

import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.Stop;
import java.util.function.Supplier;

/**
 * Ctrl-C from gdb while the target runs. The timeline clears its cancel flag when an operation
 * begins, so a cancel that lands just before that would be lost: the reader thread keeps cancelling
 * until the session says the run is over (or gives up after a while when no run comes).
 */
final class Interrupts {
    private static final long GIVE_UP_NANOS = 2_000_000_000L;

    private final Timeline timeline;
    private volatile boolean running;
    private volatile boolean pending;

    Interrupts(Timeline timeline) {
        this.timeline = timeline;
    }

    /** Called on the reader thread when 0x03 arrives. */
    void requested() {
        pending = true;
        long start = System.nanoTime();
        while (pending && System.nanoTime() - start < GIVE_UP_NANOS) {
            if (running) {
                timeline.cancel();
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        pending = false;
    }

    /** Runs one timeline operation on the session thread. */
    Stop run(Supplier<Stop> op) {
        running = true;
        try {
            return op.get();
        } finally {
            running = false;
            pending = false;
        }
    }
}
