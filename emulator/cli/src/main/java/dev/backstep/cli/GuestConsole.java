package dev.backstep.cli;

import dev.backstep.machine.UartOutput;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The guest's UART transmit side on the host terminal. Buffered, because a guest prints a byte per
 * store; flushed at each newline so interactive programs show their prompts line by line.
 */
final class GuestConsole implements UartOutput, AutoCloseable {
    private final BufferedOutputStream out;
    private long bytes;

    GuestConsole(OutputStream sink) {
        this.out = new BufferedOutputStream(sink, 1 << 14);
    }

    @Override
    public void write(int b, long icount) {
        try {
            out.write(b);
            bytes++;
            if (b == '\n') {
                out.flush();
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long bytesWritten() {
        return bytes;
    }

    void flush() {
        try {
            out.flush();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        flush();
    }
}
