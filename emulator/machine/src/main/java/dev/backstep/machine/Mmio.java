package dev.backstep.machine;

/** A memory-mapped device region; offsets are relative to its base, accesses already checked aligned. */
interface Mmio {
    int read(int off, int size, long icount);

    void write(int off, int size, int value, long icount);

    /** Side-effect-free read for debuggers. */
    int peek(int off, int size);

    /** Side-effect-free read for debuggers, with the machine at this icount (for registers that follow time). */
    default int peek(int off, int size, long icount) {
        return peek(off, size);
    }

    void save(StateWriter w);

    void load(StateReader r);

    void reset();
}
