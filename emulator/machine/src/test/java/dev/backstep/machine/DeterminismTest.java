package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final int T0 = 5, T1 = 6, T2 = 7, A0 = 10;

    /** Fills 3 pages with a counter pattern in an endless loop: writes everywhere, forever. */
    private static Asm writer() {
        Asm a = new Asm().li(T0, MachineConfig.RAM_BASE + 0x1000).li(T2, MachineConfig.RAM_BASE + 0x4000);
        int loop = a.pc();
        a.sw(A0, T0, 0).addi(A0, A0, 3).addi(T0, T0, 4);
        a.bne(T0, T2, loop - a.pc());
        a.li(T0, MachineConfig.RAM_BASE + 0x1000);
        a.jal(0, loop - a.pc());
        return a;
    }

    @Test
    void sameProgramSameDigest() {
        TestMachines.Run a = TestMachines.run(writer());
        TestMachines.Run b = TestMachines.run(writer());
        a.m.run(50_000);
        b.m.run(50_000);
        assertEquals(a.m.digest(), b.m.digest());
        b.m.run(50_001);
        assertNotEquals(a.m.digest(), b.m.digest());
    }

    @Test
    void snapshotRunRestoreRunGivesSameDigest() {
        TestMachines.Run r = TestMachines.run(writer());
        r.m.run(10_000);
        MachineSnapshot s1 = r.m.snapshot();
        long d1 = r.m.digest();
        r.m.run(30_000);
        long d2 = r.m.digest();
        MachineSnapshot s2 = r.m.snapshot();
        r.m.run(45_000);
        long d3 = r.m.digest();

        r.m.restore(s1);
        assertEquals(10_000, r.m.icount());
        assertEquals(d1, r.m.digest());
        r.m.run(30_000);
        assertEquals(d2, r.m.digest());
        r.m.run(45_000);
        assertEquals(d3, r.m.digest());

        r.m.restore(s2); // older snapshot s1 must be undisturbed by restoring and running s2
        r.m.run(45_000);
        assertEquals(d3, r.m.digest());
        r.m.restore(s1);
        assertEquals(d1, r.m.digest());
        assertTrue(s2.ownBytes() > 0 && s2.ownBytes() <= 4 * 4096);
    }

    @Test
    void allZeroPageEqualsAbsentPage() {
        TestMachines.Run a = TestMachines.run(new Asm().spin());
        TestMachines.Run b = TestMachines.run(new Asm().spin());
        b.m.memory().write32(MachineConfig.RAM_BASE + 0x10000, 0);
        assertEquals(a.m.digest(), b.m.digest());
    }

    @Test
    void uartInputArrivesAtTheAnnouncedIcount() {
        // poll LSR until data ready, then read RBR into a0 and exit
        int uart = 0x10000000;
        Asm a = new Asm().li(T0, uart);
        int loop = a.pc();
        a.load(4, T1, T0, 5).word(Asm.i(1, T1, 7, T1, 0x13)); // lbu t1, 5(t0); andi t1, t1, 1
        a.beq(T1, 0, loop - a.pc());
        a.load(4, A0, T0, 0).pass();
        ExternalInput input = new ScriptedInput(500, (byte) 'x');
        TestMachines.Run r = new TestMachines.Run(a.bytes(), input);
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals('x', r.x(A0));
        long end = r.m.icount();
        TestMachines.Run again = new TestMachines.Run(a.bytes(), new ScriptedInput(500, (byte) 'x'));
        again.runToEnd();
        assertEquals(end, again.m.icount());
        assertEquals(r.m.digest(), again.m.digest());
    }

    @Test
    void breakpointAndWatchpoint() {
        TestMachines.Run r = TestMachines.run(writer());
        int bp = MachineConfig.RAM_BASE + 16; // the sw in the loop
        r.m.breakpoints().add(bp);
        assertEquals(MachineStopReason.BREAKPOINT, r.m.run(100_000));
        assertEquals(bp, r.m.hart().pc());
        long ic = r.m.icount();
        assertEquals(MachineStopReason.BREAKPOINT, r.m.run(100_000)); // resumes past it, stops next iteration
        assertEquals(ic + 4, r.m.icount());
        r.m.breakpoints().clear();
        int watched = MachineConfig.RAM_BASE + 0x1000 + 40;
        r.m.watchpoints().add(watched, 4, false, true);
        assertEquals(MachineStopReason.WATCHPOINT, r.m.run(100_000));
        MachineStop s = r.m.lastStop();
        assertEquals(watched, s.watch().address());
        assertEquals(WatchKind.WRITE, s.watch().kind());
        assertEquals(bp, s.watch().pc());
        assertEquals(bp + 4, s.pc());
    }

    /** Delivers one byte at a fixed icount. */
    static class ScriptedInput implements ExternalInput {
        private final long at;
        private final byte b;
        private boolean done;

        ScriptedInput(long at, byte b) {
            this.at = at;
            this.b = b;
        }

        @Override
        public long nextEventIcount(long now) {
            return done ? Long.MAX_VALUE : at;
        }

        @Override
        public void deliver(long now, InputSink sink) {
            assertEquals(at, now);
            done = true;
            sink.uartReceive(b);
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
}
