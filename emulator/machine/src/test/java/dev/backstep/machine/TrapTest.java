package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrapTest {
    private static final int T0 = 5, T1 = 6, A0 = 10, A1 = 11, S2 = 18, S3 = 19, S4 = 20, S5 = 21;
    private static final int MSTATUS = 0x300, MIE = 0x304, MTVEC = 0x305, MEPC = 0x341, MCAUSE = 0x342, MTVAL = 0x343;
    private static final int HANDLER = MachineConfig.RAM_BASE + 0x400;

    /** Handler at HANDLER: s2 = mcause, s3 = mtval, s4 = mepc; mepc += 4; mret. */
    private static Asm withHandler(Asm main) {
        return padTo(main, HANDLER).csrr(S2, MCAUSE).csrr(S3, MTVAL).csrr(S4, MEPC).addi(T1, S4, 4).csrw(MEPC, T1)
                .csrw(MCAUSE, 0).mret();
    }

    private static Asm setHandler() {
        return new Asm().li(T0, HANDLER).csrw(MTVEC, T0);
    }

    @Test
    void ecallEntersHandlerAndMretReturns() {
        Asm a = setHandler();
        a.ecall().csrr(S5, MSTATUS).pass();
        TestMachines.Run r = TestMachines.run(withHandler(a));
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(Trap.ECALL_M, r.x(S2));
        assertEquals(0, r.x(S3));
        assertEquals(MachineConfig.RAM_BASE + 12, r.x(S4)); // li (2 instrs) + csrw precede the ecall
        assertEquals(0x80, r.x(S5)); // after mret: MPIE = 1, MPP = U (as QEMU), MIE = 0
    }

    @Test
    void illegalInstructionReportsItsBitsInMtval() {
        TestMachines.Run r = TestMachines.run(withHandler(setHandler().word(0xFFFFFFFF).pass()));
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(Trap.ILLEGAL_INSTRUCTION, r.x(S2));
        assertEquals(0xFFFFFFFF, r.x(S3));
    }

    @Test
    void writeToReadOnlyOrUnknownCsrIsIllegal() {
        int insn = Asm.i(0xF14, A0, 1, 0, 0x73); // csrw mhartid, a0
        TestMachines.Run r = TestMachines.run(withHandler(setHandler().word(insn).pass()));
        r.runToEnd();
        assertEquals(Trap.ILLEGAL_INSTRUCTION, r.x(S2));
        assertEquals(insn, r.x(S3));
        int unknown = Asm.i(0x7C0, 0, 2, A0, 0x73); // csrr a0, 0x7c0
        r = TestMachines.run(withHandler(setHandler().word(unknown).pass()));
        r.runToEnd();
        assertEquals(Trap.ILLEGAL_INSTRUCTION, r.x(S2));
        assertEquals(unknown, r.x(S3));
    }

    @Test
    void loadAccessFaultOnUnmappedAddress() {
        TestMachines.Run r = TestMachines.run(withHandler(setHandler().li(T0, 0x40000000).lw(A0, T0, 0).pass()));
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(Trap.LOAD_ACCESS_FAULT, r.x(S2));
        assertEquals(0x40000000, r.x(S3));
    }

    @Test
    void misalignedAmoTrapsLikeQemu() {
        int data = MachineConfig.RAM_BASE + 0x802;
        TestMachines.Run r = TestMachines.run(withHandler(setHandler().li(T0, data).amo(0, A0, T0, T0).pass()));
        r.runToEnd();
        assertEquals(Trap.LOAD_MISALIGNED, r.x(S2));
        assertEquals(data, r.x(S3));
    }

    @Test
    void icountCountsEcallButNotFaultingLoads() {
        // QEMU -icount: ecall / ebreak / illegal instructions count as executed, faulting accesses do not
        Asm a = setHandler().ecall().pass();
        TestMachines.Run r = TestMachines.run(withHandler(a));
        long before = TestMachines.RESET_STUB + 3; // li(2) + csrw
        r.m.run(before);
        r.m.run(before + 1);
        assertEquals(HANDLER, r.m.hart().pc()); // ecall retired and the trap is entered
        TestMachines.Run f = TestMachines.run(withHandler(setHandler().li(T0, 0x40000000).lw(A0, T0, 0).pass()));
        f.m.run(before + 2); // at the faulting lw
        f.m.run(before + 3);
        assertEquals(HANDLER + 4, f.m.hart().pc()); // trap entered and the handler's first instruction retired
    }

    @Test
    void stopOnTrapsStopsBeforeEntryAndResumes() {
        TestMachines.Run r = TestMachines.run(withHandler(setHandler().ecall().pass()));
        r.m.setStopOnTraps(true);
        assertEquals(MachineStopReason.TRAP, r.runToEnd());
        MachineStop s = r.m.lastStop();
        assertEquals(Trap.ECALL_M, s.trap().cause());
        assertEquals(MachineConfig.RAM_BASE + 12, s.pc());
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
    }

    @Test
    void unfetchableHandlerStopsWithTrapLoop() {
        TestMachines.Run r = TestMachines.run(new Asm().word(0xFFFFFFFF)); // mtvec = 0
        assertEquals(MachineStopReason.TRAP_LOOP, r.runToEnd());
        assertNotNull(r.m.lastStop().description());
        assertTrue(r.m.lastStop().description().contains("mtvec"));
    }

    /**
     * mtvec at unmapped memory: the ecall enters the trap, then every fetch at mtvec faults (instruction access
     * fault, mtval = the address) and re-enters. The stop reports that fault, the one the CSRs hold, not a stale one.
     */
    @Test
    void aTrapLoopReportsTheFaultThatLoopsAsTheCsrsHoldIt() {
        TestMachines.Run r = TestMachines.run(new Asm().li(T0, 0x5000_0000).csrw(MTVEC, T0).ecall().pass());
        assertEquals(MachineStopReason.TRAP_LOOP, r.runToEnd());
        MachineStop s = r.m.lastStop();
        assertEquals(Trap.INSTRUCTION_ACCESS_FAULT, s.trap().cause(), s.description());
        assertEquals(0x5000_0000, s.trap().tval(), s.description());
        assertEquals(0x5000_0000, s.pc());
        assertTrue(s.description().contains("instruction access fault"), s.description());
        assertTrue(s.description().contains("0x50000000"), s.description());
    }

    /**
     * Each software interrupt lands on a vector entry that faults once (a different trap at the same icount);
     * the fault handler skips it. Twenty such interrupts at different icounts are progress, not a trap loop.
     */
    @Test
    void faultsAtManyInterruptEntriesAreNotATrapLoop() {
        final int t2 = 7, t3 = 28, clint = 0x2000000;
        int base = MachineConfig.RAM_BASE;
        int table = base + 0x100, sync = base + 0x200, msi = base + 0x300;
        Asm a = new Asm().li(T0, table | 1).csrw(MTVEC, T0).addi(T1, 0, 8).csrw(MIE, T1)
                .addi(t3, 0, 8).csrrs(0, MSTATUS, t3).li(T0, clint).addi(T1, 0, 1);
        int loop = a.pc();
        a.sw(T1, T0, 0).spin(); // msip = 1: the interrupt comes at once
        padTo(a, table).jal(0, sync - table);
        padTo(a, table + 4 * Trap.MSI).lw(0, 0, 0).jal(0, msi - a.pc()); // load access fault, then the handler
        padTo(a, sync).csrr(t2, MEPC).addi(t2, t2, 4).csrw(MEPC, t2).mret();
        padTo(a, msi).sw(0, T0, 0).addi(S3, S3, 1).addi(t2, 0, 20).beq(S3, t2, 12)
                .csrrs(0, MSTATUS, t3).jal(0, loop - (msi + 20)).pass();
        TestMachines.Run r = TestMachines.run(a);
        assertEquals(MachineStopReason.EXIT, r.runToEnd(), String.valueOf(r.m.lastStop()));
        assertEquals(20, r.x(S3));
    }

    /** Appends nops up to addr. */
    private static Asm padTo(Asm a, int addr) {
        while (a.pc() < addr) {
            a.word(0x13);
        }
        return a;
    }

    @Test
    void vectoredTimerInterruptAfterWfiJumpsTime() {
        TestMachines.Run r = TestMachines.run(timerDuringWfi());
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(Trap.INTERRUPT | Trap.MTI, r.x(S2));
        assertEquals(50, r.x(A1)); // time jumped to the deadline while icount stayed small
        assertTrue(r.m.icount() < 200);
    }

    @Test
    void aBreakpointReachedByAWakeUpAndTrapEntryIsNotTheStateOnArrival() {
        TestMachines.Run r = TestMachines.run(timerDuringWfi());
        r.m.run(TestMachines.RESET_STUB);
        assertTrue(r.m.stateIsOnArrival(), "a plain stop");
        MachineSnapshot before = r.m.snapshot();
        r.m.breakpoints().add(HANDLER);
        assertEquals(MachineStopReason.BREAKPOINT, r.m.run(10_000));
        assertEquals(HANDLER, r.m.hart().pc());
        // the wfi retired at this icount; the sleep, the wake-up and the trap entry belong to the step from it
        assertFalse(r.m.stateIsOnArrival(), "the step from this icount has begun");
        long at = r.m.icount();
        r.m.restore(before);
        assertTrue(r.m.stateIsOnArrival(), "a restored snapshot is a state on arrival");
        r.m.breakpoints().remove(HANDLER);
        assertEquals(MachineStopReason.LIMIT, r.m.run(at));
        assertTrue(r.m.stateIsOnArrival(), "arrived at the wfi's next icount, asleep, nothing of the step done");
        assertTrue(r.m.hart().waitingForInterrupt());
    }

    /** Arms the timer at mtime 50 (vectored mtvec), sleeps in wfi, then reads mtime into a1 and passes. */
    private static Asm timerDuringWfi() {
        int clint = 0x2000000;
        Asm a = new Asm().li(T0, HANDLER - 4 * Trap.MTI | 1).csrw(MTVEC, T0)
                .li(T0, clint + 0x4000).li(T1, 50).sw(T1, T0, 0).sw(0, T0, 4)
                .li(T1, 0x80).csrw(MIE, T1).csrrs(0, MSTATUS, 0).addi(T1, 0, 8).csrrs(0, MSTATUS, T1)
                .wfi().li(T0, clint + 0xBFF8).lw(A1, T0, 0).pass();
        return withHandlerNoAdvance(a);
    }

    /** Interrupt handler: record mcause, disable the timer (mie = 0), return to mepc unchanged. */
    private static Asm withHandlerNoAdvance(Asm main) {
        return padTo(main, HANDLER).csrr(S2, MCAUSE).csrw(MIE, 0).mret();
    }

    @Test
    void interruptPriorityAndMasking() {
        TestMachines.Run r = TestMachines.run(new Asm().spin());
        r.m.run(TestMachines.RESET_STUB);
        Hart h = r.m.hart();
        h.setCsr(MTVEC, HANDLER);
        for (int i = 0; i < 8; i++) {
            r.m.memory().write32(HANDLER + 4 * i, 0x13); // nops
        }
        r.m.bus().clint.msip = true; // raise MSIP and MTIP as the CLINT would
        r.m.bus().clint.mtip = true;
        h.setCsr(MIE, 0x88);
        r.m.run(r.m.icount() + 1);
        assertEquals(0, h.csr(MCAUSE)); // nothing taken while mstatus.MIE = 0
        h.setCsr(MSTATUS, 8);
        r.m.run(r.m.icount() + 1);
        assertEquals(Trap.INTERRUPT | Trap.MSI, h.csr(MCAUSE)); // MSI before MTI
        assertEquals(HANDLER + 4, h.pc());
        h.setCsr(MIE, 0x80);
        h.setCsr(MSTATUS, 8);
        r.m.run(r.m.icount() + 1);
        assertEquals(Trap.INTERRUPT | Trap.MTI, h.csr(MCAUSE));
    }

    @Test
    void mretToUserModeThenEcallFromU() {
        Asm a = setHandler();
        int userCode = MachineConfig.RAM_BASE + 0x200;
        a.li(T0, userCode).csrw(MEPC, T0).mret(); // MPP = 0 after reset: drops to U-mode
        padTo(a, userCode).ecall().pass();
        TestMachines.Run r = TestMachines.run(withHandler(a));
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(Trap.ECALL_U, r.x(S2));
        assertEquals(Cpu.PRIV_U, r.m.hart().privilege()); // the handler returned to U-mode
    }
}
