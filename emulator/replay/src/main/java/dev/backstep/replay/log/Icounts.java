package dev.backstep.replay.log;

/** Lookups in the sorted icount columns that every log keeps. */
final class Icounts {
    private Icounts() {
    }

    /** Index of the first of {@code icounts[0..size)} that is >= {@code icount}; {@code size} if none. */
    static int firstAtOrAfter(long[] icounts, int size, long icount) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (icounts[mid] < icount) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
