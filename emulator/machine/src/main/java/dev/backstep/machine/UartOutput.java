package dev.backstep.machine;

/** Receives the bytes the guest transmits on the UART. */
@FunctionalInterface
public interface UartOutput {
    /** One call per byte, with the icount of the store that sent it. */
    void write(int b, long icount);

    /** Discards everything. */
    static UartOutput discard() {
        return (b, icount) -> { };
    }
}
