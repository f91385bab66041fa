package dev.backstep.machine;

/**
 * The one narrow interface for everything non-deterministic. See docs/machine-api.md.
 */
public interface ExternalInput {
    /**
     * What {@link #idle} returns when {@link #wake()} cut the wait short: no input came and, for the guest,
     * no time passed. The machine does not stop for it unless {@link Machine#interrupt()} asked; otherwise it
     * simply calls idle() again at the same icount. A recording layer must not log it.
     */
    long IDLE_INTERRUPTED = -2;

    /** Icount of the next input event; Long.MAX_VALUE if none known. */
    long nextEventIcount(long now);

    /**
     * As {@link #nextEventIcount(long)}, knowing the receiver: a live source with bytes queued says "now" only while
     * {@code sink.uartSpace()} is above 0 (backpressure); the machine asks again after the guest reads a byte.
     */
    default long nextEventIcount(long now, InputSink sink) {
        return nextEventIcount(now);
    }

    /**
     * Called at an instruction boundary (icount {@code now}) when an event is due. A live source delivers at most
     * {@code sink.uartSpace()} bytes and keeps the rest.
     */
    void deliver(long now, InputSink sink);

    /** Goldfish RTC read at icount {@code now}: wall-clock nanoseconds. */
    long rtcNanos(long now);

    /**
     * The hart sleeps in wfi and only outside input can wake it: return the mtime ticks that passed
     * (>= 0) once input arrived, or -1 when no input will ever come, or {@link #IDLE_INTERRUPTED} when
     * {@link #wake()} was called (during the wait, or since the last idle() returned).
     */
    long idle(long now);

    /**
     * As {@link #idle(long)}, knowing the receiver: bytes queued that the receiver cannot take (it is full and the
     * guest sleeps without reading it) do not end the wait.
     */
    default long idle(long now, InputSink sink) {
        return idle(now);
    }

    /**
     * Makes an idle() that blocks (on another thread) return {@link #IDLE_INTERRUPTED} promptly, or the
     * next idle() if none is blocking now. Thread-safe. Sources that never block need not implement it;
     * wrappers should forward it to the source they wrap.
     */
    default void wake() {
    }

    /**
     * True when input may arrive at any moment from outside (a live source), false when every event is
     * known in advance (no input, replay from a log). The machine lets a guest that polls an empty UART
     * keep running without re-asking a source that is not live. Wrappers should forward it.
     */
    default boolean isLive() {
        return true;
    }

    /**
     * A semihosting request that needs the host, made by the instruction at icount {@code now} (only when the
     * machine runs with semihosting on). A recording logs the reply; a replay serves it. The default: nothing on the
     * host is reachable (every request fails with ENOSYS).
     */
    default SemihostReply semihost(long now, SemihostCall call) {
        return SemihostReply.error(SemihostReply.ENOSYS);
    }

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

        @Override
        public boolean isLive() {
            return false;
        }
    }
}
