package dev.backstep.machine;

/**
 * How devices and slow paths tell the interpreter to end the current chunk after the running
 * instruction retires (interrupt state changed, watchpoint hit, guest polled an empty UART...).
 */
final class Signals {
    /** The interpreter loops while icount < chunkEnd; setting it to 0 ends the chunk. */
    long chunkEnd;
    /** The guest polled the UART and found no data: re-ask the input source. */
    boolean inputPoll;

    void endChunk() {
        chunkEnd = 0;
    }
}
