package dev.backstep.machine.fpu;

/** Right shifts of a 128-bit unsigned value held as two longs, for the fused multiply-add. */
final class Wide {
    private Wide() {
    }

    /** High half of (hi:lo) >>> n. */
    static long shrHi(long hi, long lo, int n) {
        return n >= 64 ? 0 : hi >>> n;
    }

    /** Low half of (hi:lo) >>> n, with any nonzero bit shifted out ORed into bit 0. */
    static long shrLoSticky(long hi, long lo, int n) {
        if (n == 0) {
            return lo;
        }
        if (n < 64) {
            long out = lo & ((1L << n) - 1);
            return (lo >>> n) | (hi << (64 - n)) | (out != 0 ? 1 : 0);
        }
        if (n < 128) {
            int k = n - 64;
            long out = k == 0 ? lo : lo | (hi & ((1L << k) - 1));
            return (hi >>> k) | (out != 0 ? 1 : 0);
        }
        return (hi | lo) != 0 ? 1 : 0;
    }
}
