package dev.backstep.replay.log;

import java.util.Arrays;

/** State digests by icount, strictly increasing, for divergence checks. */
public final class DigestLog {
    private long[] icounts = new long[64];
    private long[] digests = new long[64];
    private int size;

    public int size() {
        return size;
    }

    public long icount(int i) {
        return icounts[i];
    }

    public long digest(int i) {
        return digests[i];
    }

    public long lastIcount() {
        return size == 0 ? -1 : icounts[size - 1];
    }

    public void append(long icount, long digest) {
        if (size > 0 && icount <= icounts[size - 1]) {
            throw new IllegalArgumentException("digest icount " + icount + " not after " + icounts[size - 1]);
        }
        if (size == icounts.length) {
            icounts = Arrays.copyOf(icounts, size * 2);
            digests = Arrays.copyOf(digests, size * 2);
        }
        icounts[size] = icount;
        digests[size] = digest;
        size++;
    }

    /** Index of the digest at exactly this icount, or -1. */
    public int indexOf(long icount) {
        int i = Arrays.binarySearch(icounts, 0, size, icount);
        return i >= 0 ? i : -1;
    }

    /** Smallest digest icount strictly greater than the given one, or Long.MAX_VALUE. */
    public long nextAfter(long icount) {
        int i = Arrays.binarySearch(icounts, 0, size, icount);
        int next = i >= 0 ? i + 1 : -i - 1;
        return next < size ? icounts[next] : Long.MAX_VALUE;
    }
}
