package dev.backstep.machine;

import java.util.Arrays;

/** Flat long[] image of the non-RAM machine state, used by snapshots and digests alike. */
final class StateWriter {
    private long[] data = new long[128];
    private int size;

    void put(long v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    void put(boolean v) {
        put(v ? 1 : 0);
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
