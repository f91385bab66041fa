package dev.backstep.replay.log;

import dev.backstep.replay.format.EventKind;

import java.util.Arrays;

/**
 * The input events of one execution in icount order (UART RX, RTC, IDLE), held in parallel primitive
 * arrays so a long recording costs a few bytes per event and no object per event.
 */
public final class EventLog implements InputEvents {
    private long[] icounts = new long[64];
    private byte[] kinds = new byte[64];
    /** RTC nanos, IDLE ticks, or for UART_RX the offset of the bytes in {@link #pool}. */
    private long[] values = new long[64];
    private int[] lengths = new int[64];
    private byte[] pool = new byte[256];
    private int poolSize;
    private int size;

    public int size() {
        return size;
    }

    public long icount(int i) {
        return icounts[check(i)];
    }

    public EventKind kind(int i) {
        return EventKind.ofCode(kinds[check(i)]);
    }

    /** RTC nanoseconds or IDLE ticks; meaningless for UART_RX. */
    public long value(int i) {
        return values[check(i)];
    }

    public byte[] data(int i) {
        check(i);
        if (kinds[i] != EventKind.UART_RX.code && kinds[i] != EventKind.SEMIHOST.code) {
            return new byte[0];
        }
        return Arrays.copyOfRange(pool, (int) values[i], (int) values[i] + lengths[i]);
    }

    public int dataLength(int i) {
        check(i);
        return kinds[i] == EventKind.UART_RX.code ? lengths[i] : 0;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("event " + i + " of " + size);
        }
        return i;
    }

    public void appendUart(long icount, byte[] bytes, int off, int len) {
        appendBytes(icount, EventKind.UART_RX, bytes, off, len);
    }

    /** A semihosting reply, packed ({@code format.SemihostEvent}). */
    public void appendSemihost(long icount, byte[] packed) {
        appendBytes(icount, EventKind.SEMIHOST, packed, 0, packed.length);
    }

    private void appendBytes(long icount, EventKind kind, byte[] bytes, int off, int len) {
        if (poolSize + len > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        }
        System.arraycopy(bytes, off, pool, poolSize, len);
        add(icount, kind, poolSize, len);
        poolSize += len;
    }

    public void appendValue(long icount, EventKind kind, long value) {
        if (kind == EventKind.UART_RX || kind == EventKind.DIGEST || kind == EventKind.SEMIHOST) {
            throw new IllegalArgumentException("not a value event: " + kind);
        }
        add(icount, kind, value, 0);
    }

    private void add(long icount, EventKind kind, long value, int len) {
        if (size > 0 && icount < icounts[size - 1]) {
            throw new IllegalArgumentException("event icount " + icount + " before previous " + icounts[size - 1]);
        }
        if (size == icounts.length) {
            int n = size * 2;
            icounts = Arrays.copyOf(icounts, n);
            kinds = Arrays.copyOf(kinds, n);
            values = Arrays.copyOf(values, n);
            lengths = Arrays.copyOf(lengths, n);
        }
        icounts[size] = icount;
        kinds[size] = (byte) kind.code;
        values[size] = value;
        lengths[size] = len;
        size++;
    }

    /** Index of the first event with icount >= the given one (size() if none). */
    public int firstAtOrAfter(long icount) {
        return Icounts.firstAtOrAfter(icounts, size, icount);
    }
}
