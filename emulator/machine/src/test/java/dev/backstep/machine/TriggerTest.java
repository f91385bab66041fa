package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The guest's debug triggers (Sdtrig) against the machine's own machinery: the debugger's breakpoints, snapshots,
 * digests and translated code. What the triggers do is checked against QEMU by the isa-tests program {@code trigger}.
 */
class TriggerTest {
    private static final int T0 = 5, T1 = 6, A0 = 10, A1 = 11, A2 = 12, S2 = 18, S3 = 19, S4 = 20, S5 = 21, S6 = 22;
    private static final int MTVEC = 0x305, MEPC = 0x341, MCAUSE = 0x342, MTVAL = 0x343;
    private static final int TSELECT = 0x7A0, TDATA1 = 0x7A1, TDATA2 = 0x7A2;
    private static final int EXEC_M = 0x2000_0044, LOAD_M = 0x2000_0041, DISARMED = 0x2000_0000;
    private static final int HANDLER = MachineConfig.RAM_BASE + 0x400;
    private static final int DATA = MachineConfig.RAM_BASE + 0x2000;

    /** Handler: s2 = mcause, s3 = mtval, s4 = mepc, s5 counts; resumes after the instruction (4 bytes). */
    private static Asm withHandler(Asm main) {
        while (main.pc() < HANDLER) {
            main.word(0x13);
        }
        return main.csrr(S2, MCAUSE).csrr(S3, MTVAL).csrr(S4, MEPC).addi(S5, S5, 1).addi(T1, S4, 4).csrw(MEPC, T1)
                .mret();
    }

    /** mtvec = HANDLER; a0, a1, a2 = 0 (the reset stub leaves values in a1, a2): 6 instructions. */
    private static Asm start() {
        return new Asm().li(T0, HANDLER).csrw(MTVEC, T0).li(A0, 0).li(A1, 0).li(A2, 0);
    }

    private static final int START_INSNS = 6, ARM_INSNS = 7;

    /** Arms trigger 0: tdata2 = addr (in t0), tdata1 = control (in t1). */
    private static Asm arm(Asm a, int addr, int control) {
        return a.csrw(TSELECT, 0).li(T0, addr).csrw(TDATA2, T0).li(T1, control).csrw(TDATA1, T1);
    }

    @Test
    void executeTriggerRaisesABreakpointBeforeTheInstruction() {
        Asm a = start();
        int target = a.pc() + 4 * 7; // after arm: csrw, li (2), csrw, li (2), csrw
        arm(a, target, EXEC_M);
        assertEquals(target, a.pc());
        a.addi(A0, A0, 1).addi(A1, A1, 1).pass();
        TestMachines.Run r = TestMachines.run(withHandler(a));
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(Trap.BREAKPOINT, r.x(S2));
        assertEquals(0, r.x(S3)); // mtval 0, as QEMU 7.2
        assertEquals(target, r.x(S4));
        assertEquals(0, r.x(A0)); // the instruction did not run (the handler skipped it)
        assertEquals(1, r.x(A1));
    }

    @Test
    void loadTriggerRaisesABreakpointBeforeTheAccess() {
        Asm a = start();
        arm(a, DATA + 4, LOAD_M);
        a.li(A1, DATA).lw(A0, A1, 0).lw(A2, A1, 4).pass();
        TestMachines.Run r = TestMachines.run(withHandler(a));
        r.m.memory().writeBytes(DATA, new byte[] {1, 0, 0, 0, 2, 0, 0, 0});
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(1, r.x(A0));
        assertEquals(0, r.x(A2)); // skipped by the handler: never loaded
        assertEquals(Trap.BREAKPOINT, r.x(S2));
        assertEquals(1, r.x(S5));
    }

    @Test
    void theDebuggersBreakpointStopsFirstAndTheGuestSeesOnlyItsOwnTrigger() {
        Asm a = start();
        int target = a.pc() + 4 * 7;
        arm(a, target, EXEC_M);
        a.addi(A0, A0, 1).pass();
        TestMachines.Run r = TestMachines.run(withHandler(a));
        r.m.breakpoints().add(target);
        assertEquals(MachineStopReason.BREAKPOINT, r.runToEnd());
        assertEquals(target, r.m.hart().pc());
        assertEquals(0, r.x(S5)); // no trap yet
        // the guest's trigger CSRs hold what the guest wrote, nothing of the debugger's breakpoint
        assertEquals(0, r.m.hart().csr(TSELECT));
        assertEquals(EXEC_M, r.m.hart().csr(TDATA1));
        assertEquals(target, r.m.hart().csr(TDATA2));
        r.m.hart().setCsr(TSELECT, 1);
        assertEquals(DISARMED, r.m.hart().csr(TDATA1));
        assertEquals(0, r.m.hart().csr(TDATA2));
        r.m.hart().setCsr(TSELECT, 0);
        // going on from the breakpoint: the trigger fires, as it would have without the debugger
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(1, r.x(S5));
        assertEquals(Trap.BREAKPOINT, r.x(S2));
        assertEquals(target, r.x(S4));
        assertEquals(0, r.x(A0));
    }

    @Test
    void triggersArePartOfSnapshotsAndDigests() {
        Asm a = start();
        int target = a.pc() + 4 * 7;
        arm(a, target, EXEC_M);
        a.addi(A0, A0, 1).pass();
        TestMachines.Run r = TestMachines.run(withHandler(a));
        r.steps(TestMachines.RESET_STUB + START_INSNS);
        MachineSnapshot before = r.m.snapshot();
        long digestBefore = r.m.digest();
        r.steps(ARM_INSNS); // armed, pc at the target
        assertEquals(target, r.m.hart().pc());
        assertNotEquals(digestBefore, r.m.digest());
        MachineSnapshot armed = r.m.snapshot();
        long digestArmed = r.m.digest();

        // back before the arming; the trigger is gone, also from the decode cache: with the arming skipped, the
        // target runs
        r.m.restore(before);
        assertEquals(digestBefore, r.m.digest());
        assertEquals(DISARMED, r.m.hart().csr(TDATA1));
        r.m.hart().setPc(target);
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(1, r.x(A0));
        assertEquals(0, r.x(S5));

        // and forward to the armed state again: the trigger fires
        r.m.restore(armed);
        assertEquals(digestArmed, r.m.digest());
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(0, r.x(A0));
        assertEquals(1, r.x(S5));
    }

    /**
     * A hot loop (translated after a few iterations) arms an execute trigger on one of its own instructions halfway:
     * from then on every iteration traps there, in the translating machine exactly as in the interpreting one.
     */
    @Test
    void translatedCodeDoesNotSkipAnArmedTrigger() {
        int iterations = 2000;
        Asm a = start();
        a.li(A1, iterations).li(S6, iterations / 2);
        int loop = a.pc();
        a.addi(A0, A0, 1);
        // if a0 == s6: arm the trigger on 'target' (bne skips the 7 instructions of arm)
        a.bne(A0, S6, 4 * 8);
        int target = loop + 4 * 9;
        arm(a, target, EXEC_M);
        assertEquals(target, a.pc());
        a.addi(A2, A2, 1);
        a.bne(A0, A1, loop - a.pc());
        a.pass();
        byte[] image = withHandler(a).bytes();

        EnginePair pair = EnginePair.ofCode("trigger in a hot loop", image);
        MachineStopReason last = pair.runRandomly(new Random(14), 700, 200_000, 10_000);
        assertEquals(MachineStopReason.EXIT, last);
        Machine t = pair.translator;
        assertEquals(iterations / 2 + 1, t.hart().x(S5)); // iterations 1000..2000 trap
        assertEquals(iterations / 2 - 1, t.hart().x(A2));
        assertTrue(t.translationStats().entered() > 0, "the loop ran translated before the trigger was armed");
    }
}
