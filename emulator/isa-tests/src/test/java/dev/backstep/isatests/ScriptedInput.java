package dev.backstep.isatests;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.InputSink;

/**
 * Deterministic UART input for tests: every byte is available from icount 0 (the UART
 * buffers them), and once they are consumed no more input will ever come. The RTC reads 0.
 */
final class ScriptedInput implements ExternalInput {
    private final byte[] bytes;
    private boolean delivered;

    ScriptedInput(byte[] bytes) {
        this.bytes = bytes.clone();
        this.delivered = bytes.length == 0;
    }

    @Override
    public long nextEventIcount(long now) {
        return delivered ? Long.MAX_VALUE : now;
    }

    @Override
    public void deliver(long now, InputSink sink) {
        if (!delivered) {
            for (byte b : bytes) {
                sink.uartReceive(b);
            }
            delivered = true;
        }
    }

    @Override
    public long rtcNanos(long now) {
        return 0;
    }

    @Override
    public long idle(long now) {
        return -1;
    }
}
