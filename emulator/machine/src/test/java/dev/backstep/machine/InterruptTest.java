package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterruptTest {
    private static final int T0 = 5, T1 = 6, A0 = 10;
    private static final int UART = 0x10000000, PLIC = 0x0C000000;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "machine-under-test");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stopRunner() {
        runner.shutdownNow();
    }

    /** Sleeps in wfi (interrupts enabled in mie only) until a UART byte arrives, then exits with it in a0. */
    private static Asm waitForByte() {
        return new Asm()
                .li(T0, PLIC + 4 * 10).li(T1, 1).sw(T1, T0, 0)      // priority[10] = 1
                .li(T0, PLIC + 0x2000).li(T1, 1 << 10).sw(T1, T0, 0) // enable source 10, context 0
                .li(T0, UART).li(T1, 1).store(0, T1, T0, 1)          // IER: receive data interrupt
                .li(T1, 0x800).csrw(0x304, T1)                       // mie.MEIE (mstatus.MIE stays off)
                .wfi().load(4, A0, T0, 0).pass();
    }

    /** Bytes the test hands over one by one; read() blocks until then. */
    static final class HandedInput extends InputStream {
        final LinkedBlockingQueue<Integer> q = new LinkedBlockingQueue<>();

        @Override
        public int read() {
            try {
                return q.take();
            } catch (InterruptedException e) {
                return -1;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int v = read();
            if (v < 0) {
                return -1;
            }
            b[off] = (byte) v;
            return 1;
        }
    }

    @Test
    void interruptEndsAnIdleWaitForLiveInput() throws Exception {
        HandedInput typed = new HandedInput();
        LiveInput live = new LiveInput(typed);
        TestMachines.Run r = new TestMachines.Run(waitForByte().bytes(), live);
        Future<MachineStopReason> f = runner.submit(() -> r.m.run(10_000_000));
        Thread.sleep(200);
        assertFalse(f.isDone(), "waits for input");
        r.m.interrupt();
        assertEquals(MachineStopReason.INTERRUPTED, f.get(5, TimeUnit.SECONDS));
        assertTrue(r.m.hart().waitingForInterrupt());
        long at = r.m.icount();
        assertEquals(at, r.m.lastStop().icount());

        Future<MachineStopReason> g = runner.submit(() -> r.m.run(10_000_000));
        typed.q.add((int) 'Q');
        assertEquals(MachineStopReason.EXIT, g.get(5, TimeUnit.SECONDS));
        assertEquals('Q', r.x(A0));
    }

    @Test
    void aStaleWakeDoesNotStopALaterWait() throws Exception {
        HandedInput typed = new HandedInput();
        LiveInput live = new LiveInput(typed);
        TestMachines.Run r = new TestMachines.Run(waitForByte().bytes(), live);
        live.wake(); // e.g. left over from a pause that stopped the machine before it idled
        Future<MachineStopReason> f = runner.submit(() -> r.m.run(10_000_000));
        Thread.sleep(200);
        assertFalse(f.isDone(), "still waits for input");
        typed.q.add((int) 'k');
        assertEquals(MachineStopReason.EXIT, f.get(5, TimeUnit.SECONDS));
        assertEquals('k', r.x(A0));
    }

    @Test
    void interruptStopsALongRunAtAnInstructionBoundary() throws Exception {
        TestMachines.Run r = TestMachines.run(new Asm().spin());
        Future<MachineStopReason> f = runner.submit(() -> r.m.run(Long.MAX_VALUE));
        Thread.sleep(100);
        r.m.interrupt();
        assertEquals(MachineStopReason.INTERRUPTED, f.get(5, TimeUnit.SECONDS));
        long at = r.m.icount();
        assertTrue(at > TestMachines.RESET_STUB);
        assertEquals(MachineStopReason.LIMIT, r.m.run(at + 10)); // the request was used up by that stop
        assertEquals(at + 10, r.m.icount());
    }

    @Test
    void anInterruptBeforeRunStopsThatRunAtOnce() {
        TestMachines.Run r = TestMachines.run(new Asm().spin());
        r.m.run(100);
        r.m.interrupt();
        assertEquals(MachineStopReason.INTERRUPTED, r.m.run(1000));
        assertEquals(100, r.m.icount());
    }

    @Test
    void pollingTheUartWithoutLiveInputRunsInLongChunks() {
        // poll LSR forever: without a live source, no chunk ends at each empty read, yet the result is the same
        Asm a = new Asm().li(T0, UART);
        int loop = a.pc();
        a.load(4, T1, T0, 5).jal(0, loop - a.pc());
        TestMachines.Run none = TestMachines.run(a);
        assertEquals(MachineStopReason.LIMIT, none.m.run(100_000));
        TestMachines.Run scripted = new TestMachines.Run(a.bytes(), new DeterminismTest.ScriptedInput(Long.MAX_VALUE,
                (byte) 0));
        assertEquals(MachineStopReason.LIMIT, scripted.m.run(100_000));
        assertEquals(none.m.digest(), scripted.m.digest());
        assertFalse(ExternalInput.none().isLive());
    }
}
