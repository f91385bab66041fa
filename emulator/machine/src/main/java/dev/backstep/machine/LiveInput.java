package dev.backstep.machine;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Live input: bytes from an InputStream (stdin or a file) read by a daemon thread, RTC from the host
 * clock. End of stream means no more input: an idle hart then stops with IDLE.
 */
public final class LiveInput implements ExternalInput {
    private static final int EOF_MARK = -1;

    private final LinkedBlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();
    private final Object arrived = new Object();
    private volatile boolean ended;
    /** Set by wake(): the current or next idle() returns IDLE_INTERRUPTED. */
    private volatile boolean woken;
    /** Machine thread only. */
    private final UartPacing pacing = new UartPacing();
    /** Files and clocks for semihosting, or null: file requests fail. */
    private volatile HostSemihosting semihosting;

    public LiveInput(InputStream in) {
        Thread reader = new Thread(() -> pump(in), "backstep-live-input");
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[256];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    bytes.add(buf[i] & 0xFF);
                }
                signal();
            }
        } catch (IOException e) {
            // treated as end of input
        }
        bytes.add(EOF_MARK);
        signal();
    }

    private void signal() {
        synchronized (arrived) {
            arrived.notifyAll();
        }
    }

    @Override
    public long nextEventIcount(long now) {
        Integer head = bytes.peek();
        return head != null && head != EOF_MARK ? now : Long.MAX_VALUE;
    }

    @Override
    public long nextEventIcount(long now, InputSink sink) {
        return pacing.nextDelivery(now, nextEventIcount(now) != Long.MAX_VALUE, sink);
    }

    /** At most what the receiver has room for, a character time after the last bytes; the rest waits (backpressure). */
    @Override
    public void deliver(long now, InputSink sink) {
        Integer b;
        int room = pacing.room(now, sink);
        boolean any = false;
        while (room > 0 && (b = bytes.peek()) != null && b != EOF_MARK) {
            bytes.poll();
            sink.uartReceive((byte) (int) b);
            room--;
            any = true;
        }
        if (any) {
            pacing.delivered(now);
        }
    }

    /** Bytes that the full receiver cannot take never end the wait: no input can reach the sleeping guest. */
    @Override
    public long idle(long now, InputSink sink) {
        Integer head = bytes.peek();
        if (sink.uartSpace() == 0 && head != null && head != EOF_MARK) {
            ended = true;
            return -1;
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
        long start = System.nanoTime();
        try {
            while (true) {
                if (woken) {
                    woken = false;
                    return IDLE_INTERRUPTED;
                }
                Integer head = bytes.peek();
                if (head != null) {
                    if (head == EOF_MARK) {
                        ended = true;
                        return -1;
                    }
                    // 10 MHz timebase: one tick per 100 ns of host time.
                    return Math.max(0, (System.nanoTime() - start) / 100);
                }
                synchronized (arrived) {
                    if (bytes.isEmpty() && !woken) {
                        arrived.wait(50);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Serves semihosting's file and clock requests from the host (console input comes from this stream). */
    public LiveInput withSemihosting(HostSemihosting host) {
        this.semihosting = host;
        return this;
    }

    /**
     * Console input reads the same stream as the UART, waiting for at least one byte (none at the end of input);
     * files and clocks go to the {@link HostSemihosting} given, if any.
     */
    @Override
    public SemihostReply semihost(long now, SemihostCall call) {
        if (call.kind() == SemihostCall.Kind.CONSOLE_READ) {
            return consoleRead((int) Math.min(call.arg(), Semihosting.MAX_TRANSFER));
        }
        HostSemihosting h = semihosting;
        return h == null ? SemihostReply.error(SemihostReply.ENOSYS) : h.call(call);
    }

    private SemihostReply consoleRead(int n) {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        try {
            while (got.size() < n) {
                Integer b = got.size() == 0 ? bytes.take() : bytes.poll();
                if (b == null) {
                    break;
                }
                if (b == EOF_MARK) {
                    bytes.add(EOF_MARK); // stays the end for everyone after
                    break;
                }
                got.write(b);
                if (b == '\n') {
                    break; // a line at a time, like a terminal
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] data = got.toByteArray();
        return new SemihostReply(data.length, 0, data);
    }

    @Override
    public void wake() {
        woken = true;
        signal();
    }

    @Override
    public boolean isLive() {
        return true;
    }

    /** True once the stream ended and the machine was told no input will come. */
    public boolean ended() {
        return ended;
    }
}
