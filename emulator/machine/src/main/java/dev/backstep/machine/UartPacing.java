package dev.backstep.machine;

/**
 * When a live source may put its next bytes into the UART receiver: only when the receiver has room
 * ({@link InputSink#uartSpace()}), and not sooner than {@link #CHAR_INSTRUCTIONS} after the previous delivery, as
 * bytes come down a serial line one character time apart. Without the gap, a guest whose interrupt handler drains
 * the receiver would be handed the next byte as soon as it returned, again and again, and never run the code that
 * consumes them (its own buffer overflows); QEMU's character backend likewise feeds the 16550 only as the guest
 * makes room, between its vCPU slices. A guest asleep in {@code wfi} takes the byte at once (its wait ends there).
 * Only live sources pace: once logged, every byte enters at its logged icount.
 */
public final class UartPacing {
    /** One character time: 10 us of guest time (1 instruction = 1 ns), a 1 Mbaud line. */
    public static final long CHAR_INSTRUCTIONS = 10_000;

    private long last = Long.MIN_VALUE / 2;
    private boolean wokeByInput;

    /** Icount at which queued bytes may enter (Long.MAX_VALUE: none queued, or the receiver is full). */
    public long nextDelivery(long now, boolean queued, InputSink sink) {
        if (!queued || sink.uartSpace() <= 0) {
            return Long.MAX_VALUE;
        }
        return wokeByInput ? now : Math.max(now, last + CHAR_INSTRUCTIONS);
    }

    /** How many bytes may enter now: the receiver's room once the character time has passed, else 0. */
    public int room(long now, InputSink sink) {
        return wokeByInput || now >= last + CHAR_INSTRUCTIONS ? Math.max(0, sink.uartSpace()) : 0;
    }

    /** Bytes entered at {@code now}. */
    public void delivered(long now) {
        last = now;
        wokeByInput = false;
    }

    /**
     * The sleeping guest's wait ends because bytes are queued and the receiver has room: they enter right away, and
     * the mtime ticks to skip are at least what remains of the character time (100 instructions per tick).
     */
    public long wokeAt(long now, long hostTicks) {
        wokeByInput = true;
        return Math.max(hostTicks, Math.max(0, last + CHAR_INSTRUCTIONS - now) / 100);
    }
}
