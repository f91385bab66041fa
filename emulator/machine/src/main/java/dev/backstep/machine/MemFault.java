package dev.backstep.machine;

/**
 * A synchronous memory exception raised on the slow path. One preallocated instance per machine,
 * without a stack trace: throwing it costs little, and faults are part of normal guest behaviour.
 */
final class MemFault extends RuntimeException {
    int cause;
    int tval;

    MemFault() {
        super(null, null, false, false);
    }

    MemFault set(int cause, int tval) {
        this.cause = cause;
        this.tval = tval;
        return this;
    }
}
