package dev.backstep.machine;

/** Where an {@link ExternalInput} pushes the events it delivers. */
public interface InputSink {
    /** One byte arriving on the UART receive line. */
    void uartReceive(byte b);
}
