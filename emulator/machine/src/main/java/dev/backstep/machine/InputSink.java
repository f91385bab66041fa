package dev.backstep.machine;

/** Where an {@link ExternalInput} pushes the events it delivers. */
public interface InputSink {
    /** One byte arriving on the UART receive line. */
    void uartReceive(byte b);

    /**
     * How many bytes the UART receiver can take now: a live source delivers no more (the rest waits, as QEMU's
     * character backend waits until the 16550 can receive), so input is never lost and each byte is logged at the
     * icount it entered the receiver. A replay delivers what its log says, whatever this says.
     */
    default int uartSpace() {
        return Integer.MAX_VALUE;
    }
}
