package dev.backstep.machine;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The activity marks never miss: every instruction executed in a stretch marks its code granule in that stretch's
 * take, every store its line, every trap entry its cause; and takes split anywhere add up to a take of the whole.
 */
class ActivityMarksTest {
    private static final int T0 = 5, T1 = 6, T2 = 7, A0 = 10;
    private static final int MTVEC = 0x305, MEPC = 0x341, MCAUSE = 0x342;

    static Path example(String name) {
        String r = System.getProperty("backstep.root");
        Path p = (r != null ? Path.of(r) : Path.of("../..")).toAbsolutePath().normalize()
                .resolve("emulator/examples").resolve(name + ".elf");
        Assumptions.assumeTrue(Files.isRegularFile(p), "example ELF missing: " + p);
        return p;
    }

    private static Machine load(String name) throws Exception {
        Machine m = new Machine(MachineConfig.defaults(), ExternalInput.none(), UartOutput.discard());
        m.load(ElfImage.read(example(name)));
        return m;
    }

    /** The granules of the instructions a single-stepped run executes, per stretch, and the traps it enters. */
    @ParameterizedTest
    @ValueSource(strings = {"timer", "corrupt", "hello"})
    void codeAndTrapsOfEveryStretchAreMarked(String program) throws Exception {
        Machine marked = load(program);
        marked.activity().setTracking(true);
        Machine stepped = load(program);
        stepped.setStopOnTraps(true);
        Random r = new Random(program.hashCode());
        long limit = 3_000_000;
        int stretches = 0;
        while (marked.icount() < limit) {
            long target = marked.icount() + 1 + r.nextInt(r.nextBoolean() ? 50 : 2_000);
            StopReason why = marked.run(target);
            Activity a = marked.activity().take();
            // the same stretch, one instruction at a time, on the reference machine
            Activity ref = Activity.NONE;
            while (stepped.icount() < marked.icount()) {
                ref = ref.union(stepOnce(stepped));
            }
            assertEquals(marked.icount(), stepped.icount());
            stretches++;
            for (int k = 0; k < ref.codePages().length; k++) {
                long missing = ref.codeMasks()[k] & ~a.codeMask(ref.codePages()[k]);
                assertEquals(0, missing, String.format("stretch %d to icount %d: granules %016x of page %05x ran "
                        + "unmarked", stretches, marked.icount(), missing, ref.codePages()[k]));
            }
            assertEquals(ref.exceptions(), a.exceptions(), "exception causes to icount " + marked.icount());
            assertEquals(ref.interrupts(), a.interrupts(), "interrupt causes to icount " + marked.icount());
            // code marks are exact here (no faulting fetches in these programs)
            assertArrayEquals(ref.codePages(), a.codePages(), "code pages to icount " + marked.icount());
            assertArrayEquals(ref.codeMasks(), a.codeMasks(), "code granules to icount " + marked.icount());
            if (why == StopReason.EXIT) {
                break;
            }
        }
        assertTrue(stretches > 10 || marked.lastStop().reason() == StopReason.EXIT, "only " + stretches);
    }

    /**
     * One instruction boundary forward with traps stopped at: what that step executes, as the reference sees it (the
     * pc before the step, the trap vector's first instruction after an entry). Writes are not part of the reference.
     */
    private static Activity stepOnce(Machine m) {
        long ic = m.icount();
        long exceptions = 0;
        long interrupts = 0;
        List<Integer> pcs = new ArrayList<>();
        int pc = m.hart().pc();
        if (m.run(ic + 1) == StopReason.TRAP) {
            int cause = m.lastStop().trap().cause();
            if (cause < 0) {
                interrupts |= 1L << (cause & 0x7FFF_FFFF);
            } else {
                exceptions |= 1L << cause;
                pcs.add(pc); // the trapping instruction was fetched (an ecall even retires)
            }
            m.stepPastStop();
            int vector = m.hart().csr(MTVEC) & ~3; // the examples use direct mode
            if (m.hart().pc() != vector) {
                pcs.add(vector); // the entry and the vector's first instruction were one step (not after an ecall)
            }
        } else {
            pcs.add(pc);
        }
        int[] pages = new int[pcs.size()];
        long[] masks = new long[pcs.size()];
        Activity a = Activity.NONE;
        for (int k = 0; k < pcs.size(); k++) {
            pages[k] = pcs.get(k) >>> 12;
            masks[k] = 1L << (pcs.get(k) >>> ActivityMarks.GRANULE_SHIFT);
            a = a.union(Activity.of(new int[] {pages[k]}, new long[] {masks[k]}, new int[0], new long[0], 0, 0));
        }
        return a.union(Activity.of(new int[0], new long[0], new int[0], new long[0], exceptions, interrupts));
    }

    /** Takes at many boundaries add up to the take of the whole run, whatever the stretches. */
    @Test
    void takesSplitAnywhereAddUp() throws Exception {
        Machine whole = load("corrupt");
        whole.activity().setTracking(true);
        Machine split = load("corrupt");
        split.activity().setTracking(true);
        Random r = new Random(7);
        long target = 0;
        for (int round = 0; round < 20; round++) {
            target += 100_000;
            whole.run(target);
            Activity w = whole.activity().take();
            Activity sum = Activity.NONE;
            while (split.icount() < target) {
                split.run(Math.min(target, split.icount() + 1 + r.nextInt(3000)));
                sum = sum.union(split.activity().take());
            }
            assertEquals(w, sum, "stretch to " + target);
        }
    }

    /** Every value a stretch changes in RAM lies in a line the stretch marked as written. */
    @ParameterizedTest
    @ValueSource(strings = {"corrupt", "timer"})
    void everyChangedLineIsMarkedWritten(String program) throws Exception {
        Machine m = load(program);
        m.activity().setTracking(true);
        Random r = new Random(3);
        byte[] before = new byte[64 << 10];
        byte[] after = new byte[before.length];
        int base = MachineConfig.RAM_BASE;
        for (int round = 0; round < 200; round++) {
            m.memory().readBytes(base, before);
            m.activity().take(); // the debugger's reads above write nothing; start the stretch here
            if (r.nextInt(4) == 0) {
                m.snapshot(); // pages shared with a snapshot: their first store copies them
            }
            StopReason s = m.run(m.icount() + 1 + r.nextInt(5000));
            Activity a = m.activity().take();
            m.memory().readBytes(base, after);
            for (int off = 0; off < before.length; off++) {
                if (before[off] != after[off]) {
                    int addr = base + off;
                    long line = 1L << (addr >>> ActivityMarks.LINE_SHIFT);
                    long prev = 1L << ((addr - 3) >>> ActivityMarks.LINE_SHIFT);
                    long marked = a.writeMask(addr >>> 12) | (((addr - 3) >>> 12) == (addr >>> 12)
                            ? 0 : a.writeMask((addr - 3) >>> 12) & prev);
                    assertTrue((marked & (line | prev)) != 0, String.format("round %d: byte 0x%08x changed, "
                            + "written lines %s", round, addr, a));
                }
            }
            if (s == StopReason.EXIT) {
                break;
            }
        }
    }

    /** Each way to write RAM marks its line: fast and slow stores, AMOs, page-crossing stores, debugger writes. */
    @Test
    void eachKindOfStoreMarksItsLine() {
        int data = MachineConfig.RAM_BASE + 0x3000;
        Asm a = new Asm().li(T0, data);
        a.li(T1, 0x11).sw(T1, T0, 0x44);                 // line 1 of the data page
        a.store(0, T1, T0, 0x83);                        // sb: line 2
        a.store(1, T1, T0, 0xC2);                        // sh: line 3
        a.addi(T2, T0, 0x100).amo(0x01, A0, T2, T1);     // amoswap.w at +0x100: line 4
        a.li(T2, data + 0xFFE).sw(T1, T2, 0);            // crosses into the next page: both pages
        a.pass();
        TestMachines.Run run = TestMachines.run(a);
        run.m.activity().setTracking(true);
        assertEquals(StopReason.EXIT, run.runToEnd());
        run.m.memory().write32(data + 0x800, 5);          // a debugger's write: line 32
        Activity act = run.m.activity().take();
        int page = data >>> 12;
        assertEquals(1L << 1 | 1L << 2 | 1L << 3 | 1L << 4 | 1L << 32 | 1L << 63, act.writeMask(page), act.toString());
        assertEquals(1L, act.writeMask(page + 1), act.toString());
        // the code page: the program's own granules
        assertNotEquals(0, act.codeMask(MachineConfig.RAM_BASE >>> 12));
        // the reset stub in ROM
        assertEquals(1L << ((0x1000 >>> 6) & 63), act.codeMask(1));
    }

    /** After a take, the first store to a page goes the slow way and lists the page again. */
    @Test
    void aPageIsListedAgainAfterATake() {
        int data = MachineConfig.RAM_BASE + 0x3000;
        Asm a = new Asm().li(T0, data).li(T1, 1);
        int loop = a.pc();
        a.sw(T1, T0, 0).sw(T1, T0, 0x40).jal(0, loop - a.pc());
        TestMachines.Run run = TestMachines.run(a);
        run.m.activity().setTracking(true);
        for (int i = 0; i < 5; i++) {
            run.m.run(run.m.icount() + 1000);
            assertEquals(3L, run.m.activity().take().writeMask(data >>> 12), "take " + i);
        }
        // a restore discards what was marked before it
        MachineSnapshot s = run.m.snapshot();
        run.m.run(run.m.icount() + 1000);
        run.m.restore(s);
        assertTrue(run.m.activity().take().isEmpty());
    }

    @Test
    void trapsAreMarkedByCause() {
        int handler = MachineConfig.RAM_BASE + 0x400;
        Asm a = new Asm().li(T0, handler).csrw(MTVEC, T0).ecall().ebreak().pass();
        while (a.pc() < handler) {
            a.word(0x13);
        }
        a.csrr(T1, MEPC).addi(T1, T1, 4).csrw(MEPC, T1).csrw(MCAUSE, 0).mret();
        TestMachines.Run run = TestMachines.run(a);
        run.m.activity().setTracking(true);
        assertEquals(StopReason.EXIT, run.runToEnd());
        Activity act = run.m.activity().take();
        assertEquals(1L << Trap.ECALL_M | 1L << Trap.BREAKPOINT, act.exceptions());
        assertEquals(0, act.interrupts());
    }

    @Test
    void unionAndLookups() {
        Activity x = Activity.of(new int[] {0x80001, 0x80000}, new long[] {2, 1}, new int[] {0x80002}, new long[] {4},
                1, 0);
        Activity y = Activity.of(new int[] {0x80001, 0x1}, new long[] {8, 16}, new int[0], new long[0], 0, 1L << 7);
        Activity u = x.union(y);
        assertArrayEquals(new int[] {0x1, 0x80000, 0x80001}, u.codePages());
        assertEquals(10, u.codeMask(0x80001));
        assertEquals(0, u.codeMask(0x80003));
        assertEquals(4, u.writeMask(0x80002));
        assertEquals(1, u.exceptions());
        assertEquals(1L << 7, u.interrupts());
        assertEquals(u, y.union(x));
    }
}
