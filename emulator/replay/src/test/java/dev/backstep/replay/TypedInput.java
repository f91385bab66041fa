package dev.backstep.replay;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.InputSink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A "user" who types the next line whenever the program waits for input: a live source that yields
 * many separate UART and idle events (unlike a file read in one gulp), the same way on every run.
 */
final class TypedInput implements ExternalInput {
    private final Deque<byte[]> lines = new ArrayDeque<>();
    private byte[] pending;
    private int taken;

    TypedInput(String text) {
        for (String l : text.split("(?<=\n)")) {
            lines.add(l.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Override
    public long nextEventIcount(long now) {
        return pending != null ? now : Long.MAX_VALUE;
    }

    @Override
    public long nextEventIcount(long now, InputSink sink) {
        return sink.uartSpace() > 0 ? nextEventIcount(now) : Long.MAX_VALUE;
    }

    /** As much of the line as the UART has room for; the rest when the program has read some (backpressure). */
    @Override
    public void deliver(long now, InputSink sink) {
        if (pending != null) {
            int room = sink.uartSpace();
            while (room-- > 0 && taken < pending.length) {
                sink.uartReceive(pending[taken++]);
            }
            if (taken == pending.length) {
                pending = null;
                taken = 0;
            }
        }
    }

    @Override
    public long idle(long now, InputSink sink) {
        if (pending != null && sink.uartSpace() == 0) {
            return -1;
        }
        return idle(now);
    }

    @Override
    public long rtcNanos(long now) {
        return 1_700_000_000_000_000_000L + now * 100;
    }

    @Override
    public long idle(long now) {
        if (pending != null) {
            return 0;
        }
        if (lines.isEmpty()) {
            return -1;
        }
        pending = lines.poll();
        return 12_345 + pending.length;
    }
}
