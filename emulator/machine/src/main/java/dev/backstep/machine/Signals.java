package dev.backstep.machine;

/**
 * How devices and slow paths tell the interpreter to end the current chunk after the running
 * instruction retires (interrupt state changed, watchpoint hit, guest polled an empty UART...).
 */
final class Signals {
    /** The interpreter loops while icount < chunkEnd; setting it to 0 ends the chunk. */
    long chunkEnd;
    /**
     * The input source is live (set at each run()): a guest that polls an empty UART ends the chunk so that
     * typed input is noticed at once. Not live, every event is known in advance and the chunk goes on.
     */
    boolean liveInput = true;

    /** Set at each run() from the input source. */
    void setLiveInput(boolean live) {
        liveInput = live;
    }

    void endChunk() {
        chunkEnd = 0;
    }
}
