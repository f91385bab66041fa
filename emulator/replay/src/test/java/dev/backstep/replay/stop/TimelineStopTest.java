package dev.backstep.replay.stop;

import dev.backstep.machine.PendingTrap;
import dev.backstep.machine.Trap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A timeline stop carries the detail of its kind and nothing else. */
class TimelineStopTest {
    @Test
    void eachKindGetsItsDetail() {
        TimelineStop.WatchAccess access = new TimelineStop.WatchAccess(7, 0x80000100, 4, true, 0x80000010);
        TimelineStop w = TimelineStop.watchpoint(12, 0x80000014, access);
        assertEquals(7, w.breakpointId());
        assertEquals(access, w.watch());
        assertTrue(w.watchWrite());
        assertEquals(0x80000010, w.watchPc());
        TimelineStop t = TimelineStop.trap(5, 0x80000000, new PendingTrap(Trap.ECALL_M, 0), "exception");
        assertEquals(Trap.ECALL_M, t.trapCause());
        assertNull(t.watch());
        assertEquals(3, TimelineStop.icountBreakpoint(9, 0, true, 3).breakpointId());
        assertEquals(42, TimelineStop.exit(9, 0, 42, null).exitCode());
        TimelineStop moved = w.at(11, 0x80000010, true);
        assertEquals(access, moved.watch(), "moving a stop keeps its detail");
        assertTrue(moved.describe().contains("write of 0x80000100 (4 bytes) by pc 0x80000010"), moved.describe());
    }

    @Test
    void aDetailThatDoesNotFitTheKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TimelineStop.simple(TimelineStopKind.TRAP, 0, 0, false, null));
        assertThrows(IllegalArgumentException.class, () -> TimelineStop.simple(TimelineStopKind.EXIT, 0, 0, false, null));
        assertThrows(IllegalArgumentException.class,
                () -> new TimelineStop(TimelineStopKind.CANCELLED, 0, 0, false, null, new TimelineStop.ExitCode(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new TimelineStop(TimelineStopKind.WATCHPOINT, 0, 0, false, null, new TimelineStop.BreakpointHit(1)));
    }
}
