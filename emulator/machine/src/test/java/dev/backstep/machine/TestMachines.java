package dev.backstep.machine;

import java.io.ByteArrayOutputStream;

/** Builds machines that run raw code placed at the start of RAM, past QEMU's 6-instruction reset stub. */
final class TestMachines {
    static final int RESET_STUB = 6;

    private TestMachines() {
    }

    static final class Run {
        final Machine m;
        final ByteArrayOutputStream uart = new ByteArrayOutputStream();

        Run(byte[] code, ExternalInput input) {
            m = new Machine(MachineConfig.builder().ramSize(1L << 20).build(), input, (b, ic) -> uart.write(b));
            m.reset();
            m.memory().writeBytes(MachineConfig.RAM_BASE, code);
        }

        /** Runs the reset stub plus n program instructions. */
        Run steps(long n) {
            m.run(m.icount() + n);
            return this;
        }

        MachineStopReason runToEnd() {
            return m.run(10_000_000);
        }

        int x(int r) {
            return m.hart().x(r);
        }
    }

    static Run run(Asm a) {
        return new Run(a.bytes(), ExternalInput.none());
    }
}
