package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stops inside translated code land exactly where the interpreter's do: every icount, breakpoints, watchpoints. */
class TranslatedStopsTest {
    private static final int T0 = 5, T1 = 6, T2 = 7, A0 = 10, A1 = 11, A2 = 12;
    private static final int DATA = MachineConfig.RAM_BASE + 0x4000;

    /** A hot loop: sums and scatters into a table, with branches, a multiply and a call. */
    static byte[] loop() {
        Asm a = new Asm().li(T0, DATA).li(A0, 0).li(A1, 1).li(T2, 0);
        int top = a.pc();
        a.lw(T1, T0, 0).add(A0, A0, T1).op(1, 0, A2, A0, A1); // mul
        a.sw(A2, T0, 4).addi(A1, A1, 3).addi(T2, T2, 1);
        a.store(0, A0, T0, 9); // sb, odd address
        a.load(4, T1, T0, 9); // lbu
        a.beq(T1, 0, 8).addi(A0, A0, 5);
        a.jal(1, 12); // call the 'function' below
        a.addi(T2, T2, 0);
        a.jal(0, top - a.pc());
        // function: t0 = DATA + (t2 & 0xff) * 8, return
        a.word(Asm.i(0xFF, T2, 7, T0, 0x13)).word(Asm.i(3, T0, 1, T0, 0x13)).li(A2, DATA).add(T0, T0, A2);
        a.word(Asm.i(0, 1, 0, 0, 0x67)); // ret
        return a.bytes();
    }

    @Test
    void everyIcountInsideTranslatedCodeLandsExactly() {
        EnginePair p = EnginePair.ofCode("loop", loop());
        long warm = 200_000;
        p.runTo(warm);
        assertTrue(p.translator.translationStats().installed() > 0, "the loop was translated");
        MachineSnapshot start = p.translator.snapshot();
        long enteredBefore = p.translator.translationStats().entered();
        int span = 1500;
        long[] digests = new long[span + 1];
        int[] pcs = new int[span + 1];
        for (int k = 1; k <= span; k++) {
            p.interpreter.run(warm + k);
            digests[k] = p.interpreter.digest();
            pcs[k] = p.interpreter.hart().pc();
        }
        for (int k = 1; k <= span; k++) {
            p.translator.restore(start);
            assertEquals(MachineStopReason.LIMIT, p.translator.run(warm + k));
            assertEquals(warm + k, p.translator.icount());
            assertEquals(pcs[k], p.translator.hart().pc(), "pc at " + (warm + k));
            assertEquals(digests[k], p.translator.digest(), "state at " + (warm + k));
        }
        assertTrue(p.translator.translationStats().entered() > enteredBefore + span / 2,
                "the runs went through translated code");
    }

    @Test
    void breakpointsInsideTranslatedCodeStopAtTheSameIcount() {
        EnginePair p = EnginePair.ofCode("loop", loop());
        p.runTo(30_000);
        int target = MachineConfig.RAM_BASE + 0x30; // inside the loop
        p.interpreter.breakpoints().add(target);
        p.translator.breakpoints().add(target);
        for (int n = 0; n < 50; n++) {
            assertEquals(MachineStopReason.BREAKPOINT, p.runTo(p.interpreter.icount() + 100_000));
        }
        p.interpreter.breakpoints().remove(target);
        p.translator.breakpoints().remove(target);
        p.runRandomly(new Random(1), 3000, 200_000, 200);
    }

    @Test
    void watchpointsInsideTranslatedCodeStopAfterTheSameAccess() {
        EnginePair p = EnginePair.ofCode("loop", loop());
        p.runTo(30_000);
        int writes = p.interpreter.watchpoints().add(DATA + 9, 1, false, true);
        p.translator.watchpoints().add(DATA + 9, 1, false, true);
        for (int n = 0; n < 20; n++) {
            assertEquals(MachineStopReason.WATCHPOINT, p.runTo(p.interpreter.icount() + 100_000));
        }
        p.interpreter.watchpoints().remove(writes);
        p.translator.watchpoints().clear();
        p.interpreter.watchpoints().add(DATA + 8, 4, true, false);
        p.translator.watchpoints().add(DATA + 8, 4, true, false);
        for (int n = 0; n < 20; n++) {
            assertEquals(MachineStopReason.WATCHPOINT, p.runTo(p.interpreter.icount() + 100_000));
        }
        p.interpreter.watchpoints().clear();
        p.translator.watchpoints().clear();
        p.runRandomly(new Random(2), 3000, 200_000, 200);
    }

    @Test
    void randomProgramsWithBreakpointsAndWatchpoints() {
        for (int seed = 500; seed < 540; seed++) {
            EnginePair p = EnginePair.ofCode("seed " + seed, RandomProgram.generate(seed));
            Random rnd = new Random(seed);
            p.runTo(500 + rnd.nextInt(3000));
            int bp = MachineConfig.RAM_BASE + 2 * rnd.nextInt(400);
            p.interpreter.breakpoints().add(bp);
            p.translator.breakpoints().add(bp);
            int wa = RandomProgram.WINDOW - 64 + rnd.nextInt(128);
            boolean read = rnd.nextBoolean();
            p.interpreter.watchpoints().add(wa, 4, read, !read);
            p.translator.watchpoints().add(wa, 4, read, !read);
            p.runRandomly(rnd, 500, 400_000, 300);
        }
    }
}
