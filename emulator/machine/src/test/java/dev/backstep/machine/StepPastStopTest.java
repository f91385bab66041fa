package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Machine.stepPastStop (how the timeline continues from any stop) against run()'s own resume rules. */
class StepPastStopTest {
    private static final int T0 = 5, T1 = 6, S2 = 18;
    private static final int MTVEC = 0x305, MEPC = 0x341;
    private static final int HANDLER = MachineConfig.RAM_BASE + 0x400;

    /** Main code, then at HANDLER: mepc += 4; mret. */
    private static TestMachines.Run machine(Asm main) {
        while (main.pc() < HANDLER) {
            main.addi(0, 0, 0);
        }
        main.csrr(T1, MEPC).addi(T1, T1, 4).csrw(MEPC, T1).mret();
        return TestMachines.run(main);
    }

    private static Asm setHandler() {
        return new Asm().li(T0, HANDLER).csrw(MTVEC, T0);
    }

    @Test
    void passesTheBreakpointAndTheTrapOfTheSameStep() {
        Asm a = setHandler();
        int ecall = a.pc();
        a.ecall().addi(S2, S2, 1).pass();
        TestMachines.Run r = machine(a);
        r.m.setStopOnTraps(true);
        r.m.breakpoints().add(ecall);
        assertEquals(MachineStopReason.BREAKPOINT, r.runToEnd());
        long at = r.m.icount();
        MachineSnapshot atBreakpoint = r.m.snapshot();

        // run() resumes over the breakpoint only: the ecall's trap stops it at the same boundary
        assertEquals(MachineStopReason.TRAP, r.runToEnd());
        assertEquals(at, r.m.icount());
        assertEquals(ecall, r.m.hart().pc());

        // stepPastStop from the breakpoint passes both: the ecall retires and its trap is entered
        r.m.restore(atBreakpoint);
        assertEquals(MachineStopReason.LIMIT, r.m.stepPastStop());
        assertEquals(at + 1, r.m.icount());
        assertEquals(HANDLER, r.m.hart().pc());
    }

    @Test
    void stopsAtABreakpointOnTheHandlerItEntersWithoutRetiring() {
        Asm a = setHandler().li(T1, 0x40000000);
        int load = a.pc();
        a.lw(S2, T1, 0).pass();
        TestMachines.Run r = machine(a);
        r.m.setStopOnTraps(true);
        r.m.breakpoints().add(HANDLER);
        assertEquals(MachineStopReason.TRAP, r.runToEnd());
        long at = r.m.icount();
        assertEquals(load, r.m.hart().pc());
        assertEquals(MachineStopReason.BREAKPOINT, r.m.stepPastStop(), "the trap entry reaches the handler's breakpoint");
        assertEquals(at, r.m.icount(), "no instruction retired");
        assertEquals(HANDLER, r.m.hart().pc());
        assertEquals(false, r.m.stateIsOnArrival());
        assertEquals(MachineStopReason.LIMIT, r.m.stepPastStop());
        assertEquals(at + 1, r.m.icount());
        assertEquals(HANDLER + 4, r.m.hart().pc());
    }

    @Test
    void theBreakpointStaysArmed() {
        Asm a = new Asm();
        int loop = a.pc();
        a.addi(S2, S2, 1).jal(0, loop - a.pc());
        TestMachines.Run r = TestMachines.run(a);
        r.m.breakpoints().add(loop);
        assertEquals(MachineStopReason.BREAKPOINT, r.runToEnd());
        long first = r.m.icount();
        assertEquals(MachineStopReason.LIMIT, r.m.stepPastStop());
        assertEquals(MachineStopReason.BREAKPOINT, r.runToEnd());
        assertEquals(first + 2, r.m.icount());
        assertEquals(loop, r.m.hart().pc());
    }

    @Test
    void stopDetailsMatchTheirKind() {
        WatchHit hit = new WatchHit(1, 0x80000000, 4, WatchKind.WRITE, 0x80000010);
        PendingTrap trap = new PendingTrap(Trap.ECALL_M, 0);
        assertThrows(IllegalArgumentException.class,
                () -> new MachineStop(MachineStopReason.WATCHPOINT, 0, 0, null, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new MachineStop(MachineStopReason.BREAKPOINT, 0, 0, null, hit, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new MachineStop(MachineStopReason.EXIT, 0, 0, null, null, trap, null));
        assertThrows(IllegalArgumentException.class, () -> new ExitRequest(ExitKind.PASS, 3));
        assertEquals(hit, MachineStop.watchpoint(0, 5, hit).watch());
        assertEquals(trap, MachineStop.trapLoop(0, 5, trap, 0).trap());
    }
}
