package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeviceTest {
    private static final int T0 = 5, T1 = 6, A0 = 10, A1 = 11, S2 = 18;
    private static final int UART = 0x10000000, PLIC = 0x0C000000, RTC = 0x101000;

    @Test
    void uartTransmitGoesToOutputWithIcount() {
        Asm a = new Asm().li(T0, UART).li(T1, 'h').store(0, T1, T0, 0).li(T1, 'i').store(0, T1, T0, 0).pass();
        StringBuilder sb = new StringBuilder();
        long[] at = new long[2];
        Machine m = new Machine(MachineConfig.defaults(), ExternalInput.none(), (b, ic) -> {
            at[sb.length()] = ic;
            sb.append((char) b);
        });
        m.reset();
        m.memory().writeBytes(MachineConfig.RAM_BASE, a.bytes());
        assertEquals(MachineStopReason.EXIT, m.run(1000));
        assertEquals("hi", sb.toString());
        assertEquals(TestMachines.RESET_STUB + 3, at[0]); // li t0 (2) + li t1 (1) retired before the store
    }

    @Test
    void finisherFailCarriesExitCode() {
        TestMachines.Run r = TestMachines.run(new Asm().li(T0, 0x100000).li(T1, (42 << 16) | 0x3333).sw(T1, T0, 0));
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(ExitKind.FAIL, r.m.lastStop().exit().kind());
        assertEquals(42, r.m.lastStop().exit().code());
    }

    @Test
    void rtcReadsThroughInput() {
        ExternalInput in = new DeterminismTest.ScriptedInput(Long.MAX_VALUE, (byte) 0) {
            @Override
            public long rtcNanos(long now) {
                return 0x1_2345_6789L;
            }
        };
        Asm a = new Asm().li(T0, RTC).lw(A0, T0, 0).lw(A1, T0, 4).pass();
        TestMachines.Run r = new TestMachines.Run(a.bytes(), in);
        r.runToEnd();
        assertEquals(0x2345_6789, r.x(A0));
        assertEquals(1, r.x(A1));
    }

    @Test
    void uartReceiveInterruptThroughPlicWakesWfi() {
        int handler = MachineConfig.RAM_BASE + 0x400;
        Asm a = new Asm().li(T0, handler).csrw(0x305, T0)
                .li(T0, PLIC + 4 * 10).li(T1, 1).sw(T1, T0, 0)               // priority[10] = 1
                .li(T0, PLIC + 0x2000).li(T1, 1 << 10).sw(T1, T0, 0)          // enable source 10, context 0
                .li(T0, UART).li(T1, 1).store(0, T1, T0, 1)                   // IER: receive data interrupt
                .li(T1, 0x800).csrw(0x304, T1).addi(T1, 0, 8).csrrs(0, 0x300, T1) // mie.MEIE, mstatus.MIE
                .wfi().pass();
        byte[] main = a.bytes();
        // the image: main code, then the handler at +0x400
        byte[] img = new byte[0x400 + 64];
        System.arraycopy(main, 0, img, 0, main.length);
        byte[] h = new Asm().csrr(S2, 0x342)
                .li(T0, PLIC + 0x200004).lw(A1, T0, 0)      // claim
                .li(T1, UART).load(4, A0, T1, 0)            // read the byte
                .sw(A1, T0, 0)                              // complete
                .mret().bytes();
        System.arraycopy(h, 0, img, 0x400, h.length);
        WakeInput in = new WakeInput();
        TestMachines.Run r = new TestMachines.Run(img, in);
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(1, in.idleCalls);
        assertEquals(1000, r.m.hart().mtime() - r.m.icount() / 100); // the idle ticks moved mtime
        assertEquals(Trap.INTERRUPT | Trap.MEI, r.x(S2));
        assertEquals('Z', r.x(A0));
        assertEquals(10, r.x(A1));
    }

    /** Nothing until the hart idles; then 1000 ticks pass and 'Z' arrives. */
    static final class WakeInput extends DeterminismTest.ScriptedInput {
        int idleCalls;
        boolean due;

        WakeInput() {
            super(Long.MAX_VALUE, (byte) 0);
        }

        @Override
        public long nextEventIcount(long now) {
            return due ? now : Long.MAX_VALUE;
        }

        @Override
        public void deliver(long now, InputSink sink) {
            due = false;
            sink.uartReceive((byte) 'Z');
        }

        @Override
        public long idle(long now) {
            idleCalls++;
            due = true;
            return 1000;
        }
    }

    @Test
    void liveInputDeliversBytesThenEnds() throws Exception {
        LiveInput in = new LiveInput(new ByteArrayInputStream("ok".getBytes(StandardCharsets.US_ASCII)));
        StringBuilder got = new StringBuilder();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (got.length() < 2 && System.nanoTime() < deadline) {
            if (in.nextEventIcount(5) == 5) {
                in.deliver(5, b -> got.append((char) b));
            } else {
                Thread.sleep(1);
            }
        }
        assertEquals("ok", got.toString());
        assertEquals(-1, in.idle(5));
        assertEquals(Long.MAX_VALUE, in.nextEventIcount(6));
    }

    @Test
    void idleWithoutInputStops() {
        TestMachines.Run r = TestMachines.run(new Asm().wfi().pass());
        assertEquals(MachineStopReason.IDLE, r.runToEnd());
        assertTrue(r.m.hart().waitingForInterrupt());
        assertEquals(TestMachines.RESET_STUB + 1, r.m.icount()); // wfi retired
    }

    @Test
    void aDebuggerReadsMtimeAsTheMachineStands() {
        TestMachines.Run r = TestMachines.run(new Asm().spin());
        r.m.run(1_000_000);
        long mtime = r.m.hart().mtime();
        assertTrue(mtime > 0xFF, "more than a byte's worth: " + mtime);
        assertTrue(mtime > 0, "time follows the instruction count");
        assertEquals((int) mtime, r.m.memory().read32(0x0200BFF8));
        assertEquals((int) (mtime >>> 32), r.m.memory().read32(0x0200BFFC));
        byte[] b = new byte[8];
        r.m.memory().readBytes(0x0200BFF8, b);
        assertEquals(mtime, java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
    }

    @Test
    void countersAreWritableAndReadOnlyShadowsFollow() {
        Asm a = new Asm().li(T0, 1000).csrw(0xB02, T0).csrr(A0, 0xB02).csrr(A1, 0xC02).pass();
        TestMachines.Run r = TestMachines.run(a);
        r.runToEnd();
        assertEquals(1001, r.x(A0)); // QEMU: a counter read right after a write shows value + 1
        assertEquals(1002, r.x(A1));
    }
}
