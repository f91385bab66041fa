package dev.backstep.replay;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.InputSink;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.UartOutput;
import dev.backstep.replay.format.EventKind;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.log.EventLog;
import dev.backstep.replay.log.EventLog;
import dev.backstep.replay.log.InputEvents;

/**
 * A straight forward run of a recording, independent of the timeline code: a plain Machine with its
 * own minimal log-serving input, no snapshots, only ever moving forward.
 */
final class ReferenceRun {
    private final Machine m;

    ReferenceRun(RecordingFile rec) throws Exception {
        ElfImage elf = ElfImage.parse(rec.elfBytes());
        InputEvents log = rec.events();
        ExternalInput in = new ExternalInput() {
            int cursor;

            @Override
            public long nextEventIcount(long now) {
                for (int i = cursor; i < log.size(); i++) {
                    if (log.kind(i) == EventKind.UART_RX) {
                        return log.icount(i);
                    }
                }
                return Long.MAX_VALUE;
            }

            @Override
            public void deliver(long now, InputSink sink) {
                while (cursor < log.size() && log.icount(cursor) == now && log.kind(cursor) == EventKind.UART_RX) {
                    for (byte b : log.data(cursor++)) {
                        sink.uartReceive(b);
                    }
                }
            }

            @Override
            public long rtcNanos(long now) {
                return log.value(cursor++);
            }

            @Override
            public long idle(long now) {
                return log.value(cursor++);
            }
        };
        // the reference is the interpreter alone
        m = new Machine(MachineConfig.builder().ramSize(rec.header().ramSize()).translate(false).build(), in,
                UartOutput.discard());
        m.load(elf);
    }

    /** Digest of the state at icount n (n must not go backwards between calls). */
    long digestAt(long n) {
        if (n < m.icount()) {
            throw new IllegalArgumentException("reference runs only forward: " + n + " < " + m.icount());
        }
        while (m.icount() < n) {
            m.run(n);
            if (m.icount() < n && m.lastStop().reason() != dev.backstep.machine.MachineStopReason.LIMIT
                    && m.lastStop().reason() != dev.backstep.machine.MachineStopReason.INPUT) {
                throw new IllegalStateException("reference run stopped early: " + m.lastStop());
            }
        }
        return m.digest();
    }
}
