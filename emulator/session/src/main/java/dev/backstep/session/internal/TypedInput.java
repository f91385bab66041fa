package dev.backstep.session.internal;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.HostSemihosting;
import dev.backstep.machine.InputSink;
import dev.backstep.machine.UartPacing;
import dev.backstep.machine.SemihostCall;
import dev.backstep.machine.SemihostReply;

import java.util.ArrayDeque;

/**
 * The live UART input of a record session: the launch input first, then whatever the user types
 * ({@link #push}). The timeline logs every byte it takes from here as a UART_RX event at the icount it arrived,
 * so that re-executions and replays get the very same bytes at the very same instruction.
 *
 * <p>When the guest sleeps waiting for input and nothing is queued, the input either ends (the default: the
 * history ends with "waiting for input that will never come", as with a plain input file) or, once
 * {@link #keepOpen kept open}, waits for {@link #push} — which a pause cuts short ({@link #interruptWait}).
 *
 * <p>Thread-safe: the machine thread calls the {@link ExternalInput} methods, any other thread may push.
 */
final class TypedInput implements ExternalInput {
    /** 10 MHz timebase: one mtime tick per 100 ns of host time spent waiting. */
    private static final long NANOS_PER_TICK = 100;

    private final ArrayDeque<Byte> queue = new ArrayDeque<>();
    private volatile Runnable beforeWait = () -> { };
    private boolean open;
    private boolean ended;
    private boolean woken;
    private boolean waiting;
    /** Machine thread only. */
    private final UartPacing pacing = new UartPacing();
    /** Semihosting's files and clocks, or null. */
    private volatile HostSemihosting semihosting;

    /** @param initial the launch input (may be null) */
    TypedInput(byte[] initial) {
        if (initial != null) {
            for (byte b : initial) {
                queue.add(b);
            }
        }
    }

    void semihosting(HostSemihosting host) {
        semihosting = host;
    }

    /** Closes the files a semihosting guest left open. */
    void close() {
        HostSemihosting h = semihosting;
        if (h != null) {
            h.closeAll();
        }
    }

    /**
     * Semihosting's console input takes the typed bytes (up to a newline), waiting for some while the input is
     * kept open (a pause ends the wait with nothing read); files and clocks go to the host.
     */
    @Override
    public SemihostReply semihost(long now, SemihostCall call) {
        if (call.kind() != SemihostCall.Kind.CONSOLE_READ) {
            HostSemihosting h = semihosting;
            return h == null ? SemihostReply.error(SemihostReply.ENOSYS) : h.call(call);
        }
        synchronized (this) {
            if (queue.isEmpty() && open) {
                waiting = true;
                try {
                    while (queue.isEmpty() && !woken && open) {
                        wait(100);
                    }
                } catch (InterruptedException e) {
                    // taken as a wake-up
                } finally {
                    woken = false;
                    waiting = false;
                }
            }
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            Byte b;
            while (got.size() < call.arg() && (b = queue.poll()) != null) {
                got.write(b);
                if (b == '\n') {
                    break;
                }
            }
            byte[] data = got.toByteArray();
            return new SemihostReply(data.length, 0, data);
        }
    }

    /** Runs on the machine thread before it blocks waiting for input (to flush a prompt without a newline). */
    void beforeWait(Runnable r) {
        beforeWait = r == null ? () -> { } : r;
    }

    /** Whether a guest that waits with nothing queued waits for {@link #push} (true) or sees the input end. */
    synchronized void keepOpen(boolean on) {
        open = on;
        notifyAll();
    }

    /** True once the guest waited with nothing queued and was told no input will come. */
    synchronized boolean ended() {
        return ended;
    }

    /** Queues bytes for the guest; false when the input has ended (history ended waiting for it). */
    synchronized boolean push(byte[] bytes) {
        if (ended) {
            return false;
        }
        for (byte b : bytes) {
            queue.add(b);
        }
        notifyAll();
        return true;
    }

    /** Bytes queued and not yet taken by the guest. */
    synchronized int pending() {
        return queue.size();
    }

    /**
     * Ends a wait for input in progress: runs {@code interruptMachine} (which must make the machine stop at its
     * next check) and wakes the wait. Does nothing when no wait is in progress, so no stale request is left.
     */
    synchronized void interruptWait(Runnable interruptMachine) {
        if (waiting) {
            interruptMachine.run();
            woken = true;
            notifyAll();
        }
    }

    @Override
    public synchronized long nextEventIcount(long now) {
        return queue.isEmpty() ? Long.MAX_VALUE : now;
    }

    @Override
    public synchronized long nextEventIcount(long now, InputSink sink) {
        return pacing.nextDelivery(now, !queue.isEmpty(), sink);
    }

    /**
     * At most what the UART has room for, a character time after the last bytes; the rest waits until the guest
     * reads (backpressure, as on QEMU).
     */
    @Override
    public synchronized void deliver(long now, InputSink sink) {
        int room = pacing.room(now, sink);
        boolean any = false;
        Byte b;
        while (room > 0 && (b = queue.poll()) != null) {
            sink.uartReceive(b);
            room--;
            any = true;
        }
        if (any) {
            pacing.delivered(now);
        }
    }

    /** Queued bytes that the full UART cannot take do not end a wait: nothing can reach the sleeping guest. */
    @Override
    public long idle(long now, InputSink sink) {
        synchronized (this) {
            if (sink.uartSpace() == 0 && !queue.isEmpty()) {
                ended = true;
                return -1;
            }
        }
        long ticks = idle(now);
        return ticks >= 0 ? pacing.wokeAt(now, ticks) : ticks;
    }

    @Override
    public long rtcNanos(long now) {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Override
    public long idle(long now) {
        synchronized (this) {
            if (!queue.isEmpty()) {
                return 0;
            }
            if (!open) {
                ended = true;
                return -1;
            }
        }
        beforeWait.run();
        long start = System.nanoTime();
        synchronized (this) {
            waiting = true;
            try {
                while (queue.isEmpty() && !woken && open) {
                    wait(100);
                }
                if (woken) {
                    woken = false;
                    return IDLE_INTERRUPTED;
                }
                if (queue.isEmpty()) {
                    // closed while waiting
                    ended = true;
                    return -1;
                }
                return Math.max(0, (System.nanoTime() - start) / NANOS_PER_TICK);
            } catch (InterruptedException e) {
                // taken as a wake-up; not re-asserted, or every later wait would end at once and spin
                return IDLE_INTERRUPTED;
            } finally {
                waiting = false;
            }
        }
    }

    @Override
    public synchronized void wake() {
        if (waiting) {
            woken = true;
            notifyAll();
        }
    }

    @Override
    public boolean isLive() {
        return true;
    }
}
