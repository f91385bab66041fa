package dev.backstep.replay.stop;

import dev.backstep.machine.PendingTrap;
import dev.backstep.machine.Trap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A timeline stop carries the detail of its kind and nothing else. */
class StopTest {
    @Test
    void eachKindGetsItsDetail() {
        Stop.WatchAccess access = new Stop.WatchAccess(7, 0x80000100, 4, true, 0x80000010);
        Stop w = Stop.watchpoint(12, 0x80000014, access);
        assertEquals(7, w.breakpointId());
        assertEquals(access, w.watch());
        assertTrue(w.watchWrite());
        assertEquals(0x80000010, w.watchPc());
        Stop t = Stop.trap(5, 0x80000000, new PendingTrap(Trap.ECALL_M, 0), "exception");
        assertEquals(Trap.ECALL_M, t.trapCause());
        assertNull(t.watch());
        assertEquals(3, Stop.icountBreakpoint(9, 0, true, 3).breakpointId());
        assertEquals(42, Stop.exit(9, 0, 42, null).exitCode());
        Stop moved = w.at(11, 0x80000010, true);
        assertEquals(access, moved.watch(), "moving a stop keeps its detail");
        assertTrue(moved.describe().contains("write of 0x80000100 (4 bytes) by pc 0x80000010"), moved.describe());
    }

    @Test
    void aDetailThatDoesNotFitTheKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Stop.simple(StopKind.TRAP, 0, 0, false, null));
        assertThrows(IllegalArgumentException.class, () -> Stop.simple(StopKind.EXIT, 0, 0, false, null));
        assertThrows(IllegalArgumentException.class,
                () -> new Stop(StopKind.CANCELLED, 0, 0, false, null, new Stop.ExitCode(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Stop(StopKind.WATCHPOINT, 0, 0, false, null, new Stop.BreakpointHit(1)));
    }
}
