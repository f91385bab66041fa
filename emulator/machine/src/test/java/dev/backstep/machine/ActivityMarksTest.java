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

    /** The instructions a single-stepped run executes, per stretch, and the traps it enters, are all marked. */
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
            MachineStopReason why = marked.run(target);
            Activity a = marked.activity().take();
            marked.activity().breakRun(); // each stretch on its own, as the index files windows
            // the same stretch, one instruction at a time, on the reference machine
            Stepped ref = new Stepped();
            while (stepped.icount() < marked.icount()) {
                stepOnce(stepped, ref);
            }
            assertEquals(marked.icount(), stepped.icount());
            stretches++;
            java.util.TreeSet<Integer> granules = new java.util.TreeSet<>(Integer::compareUnsigned);
            for (int pc : ref.pcs) {
                assertTrue(a.mayHaveRun(pc), String.format("stretch %d to icount %d: pc %08x ran unmarked: %s",
                        stretches, marked.icount(), pc, a));
                granules.add(pc >>> ActivityMarks.GRANULE_SHIFT);
            }
            // no granule marked where nothing ran (no faulting fetches in these programs)
            assertArrayEquals(granules.stream().mapToInt(Integer::intValue).toArray(), a.codeGranules(),
                    "granules to icount " + marked.icount());
            assertEquals(ref.exceptions, a.exceptions(), "exception causes to icount " + marked.icount());
            assertEquals(ref.interrupts, a.interrupts(), "interrupt causes to icount " + marked.icount());
            if (why == MachineStopReason.EXIT) {
                break;
            }
        }
        assertTrue(stretches > 10 || marked.lastStop().reason() == MachineStopReason.EXIT, "only " + stretches);
    }

    /** What a single-stepped stretch executed. */
    private static final class Stepped {
        final List<Integer> pcs = new ArrayList<>();
        long exceptions;
        long interrupts;
    }

    /**
     * One instruction boundary forward with traps stopped at: what that step executes, as the reference sees it (the
     * pc before the step, the trap vector's first instruction after an entry).
     */
    private static void stepOnce(Machine m, Stepped out) {
        long ic = m.icount();
        int pc = m.hart().pc();
        if (m.run(ic + 1) == MachineStopReason.TRAP) {
            int cause = m.lastStop().trap().cause();
            if (cause < 0) {
                out.interrupts |= 1L << (cause & 0x7FFF_FFFF);
            } else {
                out.exceptions |= 1L << cause;
                out.pcs.add(pc); // the trapping instruction was fetched (an ecall even retires)
            }
            m.stepPastStop();
            int vector = m.hart().csr(MTVEC) & ~3; // the examples use direct mode
            if (m.hart().pc() != vector) {
                out.pcs.add(vector); // the entry and the vector's first instruction were one step (not after an ecall)
            }
        } else {
            out.pcs.add(pc);
        }
    }

    /**
     * Takes at many boundaries add up to the take of the whole run, whatever the stretches: where runs and takes
     * happen does not change the marks (only {@link ActivityMarks#breakRun()} does).
     */
    @Test
    void takesSplitAnywhereAddUp() throws Exception {
        Machine whole = load("bench");
        whole.activity().setTracking(true);
        Machine split = load("bench");
        split.activity().setTracking(true);
        Random r = new Random(7);
        long target = 0;
        for (int round = 0; round < 20; round++) {
            target += 100_000;
            whole.run(target);
            Activity w = whole.activity().take();
            Activity sum = Activity.NONE;
            while (split.icount() < whole.icount()) {
                split.run(Math.min(whole.icount(), split.icount() + 1 + r.nextInt(3000)));
                sum = sum.union(split.activity().take());
                if (r.nextInt(8) == 0) {
                    // going back: a restore, and the stretch from the snapshot runs again
                    MachineSnapshot snap = split.snapshot();
                    split.run(split.icount() + 1 + r.nextInt(3000));
                    split.restore(snap);
                }
            }
            assertEquals(w, sum, "stretch to " + target);
            if (whole.lastStop().reason() == MachineStopReason.EXIT) {
                break;
            }
        }
    }

    /**
     * A stop at a breakpoint marks as a stop at the same icount by LIMIT: the instruction it stops before runs in the
     * next stretch, and marks there (snapshots taken at the stop carry that run state). Otherwise a window assembled
     * from stretches that end at breakpoints, or start from snapshots taken there, would lack the entry.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBreakpointStopMarksAsALimitStop(boolean translate) throws Exception {
        ElfImage elf = ElfImage.read(example("corrupt"));
        MachineConfig cfg = MachineConfig.builder().translate(translate).translationThreshold(16).build();
        Machine stopped = new Machine(cfg, ExternalInput.none(), UartOutput.discard());
        Machine limited = new Machine(cfg, ExternalInput.none(), UartOutput.discard());
        stopped.load(elf);
        limited.load(elf);
        stopped.activity().setTracking(true);
        limited.activity().setTracking(true);
        int hits = 0;
        for (String fn : new String[] {"uart_putc", "smooth_window", "window_average", "printf"}) {
            int pc = elf.symbol(fn).value(); // a call's target: a run begins there
            stopped.breakpoints().add(pc);
            for (int n = 0; n < 3; n++) {
                if (stopped.run(stopped.icount() + 200_000) != MachineStopReason.BREAKPOINT) {
                    break;
                }
                hits++;
                limited.run(stopped.icount());
                assertEquals(limited.activity().take(), stopped.activity().take(), fn + ": to the stop");
                MachineSnapshot atStop = stopped.snapshot();
                stopped.breakpoints().remove(pc); // the instruction at the stop runs first; then no more stops
                stopped.run(stopped.icount() + 500);
                limited.run(limited.icount() + 500);
                Activity after = limited.activity().take();
                assertTrue(after.mayHaveRun(pc), fn + " ran after the stop");
                assertEquals(after, stopped.activity().take(), fn + ": after the stop");
                // again from a snapshot taken at the stop: the same marks
                stopped.restore(atStop);
                stopped.run(stopped.icount() + 500);
                assertEquals(after, stopped.activity().take(), fn + ": after the stop, from its snapshot");
                stopped.breakpoints().add(pc);
            }
            stopped.breakpoints().remove(pc);
        }
        assertTrue(hits > 4, "breakpoints hit: " + hits);
    }

    /** Every value a stretch changes in RAM lies in (or just after) a word the stretch marked as written. */
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
            MachineStopReason s = m.run(m.icount() + 1 + r.nextInt(5000));
            Activity a = m.activity().take();
            m.memory().readBytes(base, after);
            for (int off = 0; off < before.length; off++) {
                if (before[off] != after[off]) {
                    int addr = base + off;
                    boolean marked = false;
                    // the store began in this byte's word or in one of the words up to MAX_STORE - 1 bytes before
                    for (int w = (addr - ActivityMarks.MAX_STORE + 1) & ~3; w - addr <= 0; w += 4) {
                        marked |= (a.writeMask(w >>> ActivityMarks.WRITE_GROUP_SHIFT) & 1L << (w >>> 2)) != 0;
                    }
                    assertTrue(marked, String.format("round %d: byte 0x%08x changed, written words %s", round, addr,
                            a));
                }
            }
            if (s == MachineStopReason.EXIT) {
                break;
            }
        }
    }

    /** Each way to write RAM marks its line: fast and slow stores, AMOs, page-crossing stores, debugger writes. */
    @Test
    void eachKindOfStoreMarksItsLine() {
        int data = MachineConfig.RAM_BASE + 0x3000;
        Asm a = new Asm().li(T0, data);
        a.li(T1, 0x11).sw(T1, T0, 0x44);                 // word 0x11 of the data page's first group
        a.store(0, T1, T0, 0x83);                        // sb: word 0x20
        a.store(1, T1, T0, 0xC2);                        // sh: word 0x30
        a.addi(T2, T0, 0x100).amo(0x01, A0, T2, T1);     // amoswap.w at +0x100: word 0 of the second group
        a.li(T2, data + 0xFFE).sw(T1, T2, 0);            // crosses into the next page: byte by byte, both pages
        a.pass();
        TestMachines.Run run = TestMachines.run(a);
        run.m.activity().setTracking(true);
        assertEquals(MachineStopReason.EXIT, run.runToEnd());
        run.m.memory().write32(data + 0x800, 5);          // a debugger's write
        Activity act = run.m.activity().take();
        int group = data >>> ActivityMarks.WRITE_GROUP_SHIFT;
        assertEquals(1L << 0x11 | 1L << 0x20 | 1L << 0x30, act.writeMask(group), act.toString());
        assertEquals(1L, act.writeMask(group + 1), act.toString());
        assertEquals(1L, act.writeMask(group + 8), act.toString());
        assertEquals(1L << 63, act.writeMask(group + 15), act.toString());
        assertEquals(1L, act.writeMask(group + 16), "the next page: " + act);
        assertArrayEquals(new int[] {group, group + 1, group + 8, group + 15, group + 16}, act.writeGroups());
        // the program's own code, entered at its start
        assertTrue(act.mayHaveRun(MachineConfig.RAM_BASE));
        // the reset stub in ROM, entered at 0x1000 only: its last instruction ran, nothing before 0x1000 did
        assertEquals(1, act.codeEntries(0x1000 >>> 6));
        assertTrue(act.mayHaveRun(0x1014));
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
            assertEquals(1L | 1L << 16, run.m.activity().take().writeMask(data >>> ActivityMarks.WRITE_GROUP_SHIFT),
                    "take " + i);
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
        assertEquals(MachineStopReason.EXIT, run.runToEnd());
        Activity act = run.m.activity().take();
        assertEquals(1L << Trap.ECALL_M | 1L << Trap.BREAKPOINT, act.exceptions());
        assertEquals(0, act.interrupts());
    }

    /** A run entered above an instruction of its granule does not mark that instruction as run. */
    @Test
    void entriesTellApartCodeSharingAGranule() {
        int target = MachineConfig.RAM_BASE + 0x40 + 0x20; // the second half of granule 1
        Asm a = new Asm();
        a.jal(0, 0x40 + 0x20); // jump over granule 0 and the first half of granule 1
        while (a.pc() < target) {
            a.word(0x13);
        }
        a.pass();
        TestMachines.Run run = TestMachines.run(a);
        run.m.activity().setTracking(true);
        assertEquals(MachineStopReason.EXIT, run.runToEnd());
        Activity act = run.m.activity().take();
        assertTrue(act.mayHaveRun(target));
        assertTrue(act.mayHaveRun(target + 8), "after the entry, up the granule");
        assertFalse(act.mayHaveRun(target - 4), "below the entry in the same granule");
        assertTrue(act.mayHaveRun(MachineConfig.RAM_BASE));
    }

    /** A loop that branches back below where it entered its granule marks the branch target too. */
    @Test
    void aBranchBackWithinAGranuleIsAnEntry() {
        int base = MachineConfig.RAM_BASE;
        Asm a = new Asm().li(T1, 3);             // base, base+4 (li = lui+addi or addi)
        int loopTop = a.pc();
        a.addi(T1, T1, -1);
        int branch = a.pc();
        a.bne(T1, 0, loopTop - branch);
        a.pass();
        TestMachines.Run run = TestMachines.run(a);
        run.m.activity().setTracking(true);
        // into the first pass, then a new stretch that begins at the branch: it enters the loop again at its top
        run.m.run(run.m.icount() + TestMachines.RESET_STUB + (loopTop - base) / 4 + 1);
        assertEquals(branch, run.m.hart().pc());
        run.m.activity().take();
        run.m.activity().breakRun();
        run.m.run(run.m.icount() + 2);
        Activity act = run.m.activity().take();
        assertTrue(act.mayHaveRun(branch), act.toString());
        assertTrue(act.mayHaveRun(loopTop), "the branch back: " + act);
        assertFalse(act.mayHaveRun(base), act.toString());
    }

    @Test
    void unionAndLookups() {
        Activity x = Activity.of(new int[] {0x2000001, 0x2000000}, new int[] {2, 1}, new int[] {0x80002},
                new long[] {4}, 1, 0);
        Activity y = Activity.of(new int[] {0x2000001, 0x40}, new int[] {8, 16}, new int[0], new long[0], 0, 1L << 7);
        Activity u = x.union(y);
        assertArrayEquals(new int[] {0x40, 0x2000000, 0x2000001}, u.codeGranules());
        assertEquals(10, u.codeEntries(0x2000001));
        assertEquals(0, u.codeEntries(0x2000003));
        assertEquals(4, u.writeMask(0x80002));
        assertEquals(1, u.exceptions());
        assertEquals(1L << 7, u.interrupts());
        assertEquals(u, y.union(x));
    }
}
