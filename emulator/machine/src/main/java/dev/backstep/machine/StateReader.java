package dev.backstep.machine;

/** Reads back what {@link StateWriter} wrote, in the same order. */
final class StateReader {
    private final long[] data;
    private int pos;

    StateReader(long[] data) {
        this.data = data;
    }

    long get() {
        return data[pos++];
    }

    int getInt() {
        return (int) data[pos++];
    }

    boolean getBool() {
        return data[pos++] != 0;
    }
}
