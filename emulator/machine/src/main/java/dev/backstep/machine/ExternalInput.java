package dev.backstep.machine;

/**
 * The one narrow interface for everything non-deterministic. See docs/machine-api.md.
 */
public interface ExternalInput {
    /** Icount of the next input event; Long.MAX_VALUE if none known. */
    long nextEventIcount(long now);

    /** Called at an instruction boundary (icount {@code now}) when an event is due. */
    void deliver(long now, InputSink sink);

    /** Goldfish RTC read at icount {@code now}: wall-clock nanoseconds. */
    long rtcNanos(long now);

    /**
     * The hart sleeps in wfi and only outside input can wake it: return the mtime ticks that passed
     * (>= 0) once input arrived, or -1 when no input will ever come.
     */
    long idle(long now);

    /** No input ever; the RTC reads a fixed epoch (0). */
    static ExternalInput none() {
        return NoInput.INSTANCE;
    }

    /** Input that never arrives and an RTC fixed at 0. */
    final class NoInput implements ExternalInput {
        static final NoInput INSTANCE = new NoInput();

        private NoInput() {
        }

        @Override
        public long nextEventIcount(long now) {
            return Long.MAX_VALUE;
        }

        @Override
        public void deliver(long now, InputSink sink) {
        }

        @Override
        public long rtcNanos(long now) {
            return 0;
        }

        @Override
        public long idle(long now) {
            return -1;
        }
    }
}
