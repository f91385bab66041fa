package dev.backstep.replay.log;

import java.util.Arrays;

/** Every byte the guest sent to the UART, with the icount of the store that sent it. */
public final class OutputLog {
    private long[] icounts = new long[256];
    private byte[] bytes = new byte[256];
    private int size;

    public int size() {
        return size;
    }

    public long icount(int i) {
        return icounts[i];
    }

    public byte get(int i) {
        return bytes[i];
    }

    public void append(byte b, long icount) {
        if (size == bytes.length) {
            icounts = Arrays.copyOf(icounts, size * 2);
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        icounts[size] = icount;
        bytes[size] = b;
        size++;
    }

    /** Number of bytes sent by instructions before the given icount (what a debugger shows "up to now"). */
    public int countBefore(long icount) {
        return Icounts.firstAtOrAfter(icounts, size, icount);
    }

    public byte[] bytesBefore(long icount) {
        return Arrays.copyOf(bytes, countBefore(icount));
    }

    public byte[] all() {
        return Arrays.copyOf(bytes, size);
    }
}
