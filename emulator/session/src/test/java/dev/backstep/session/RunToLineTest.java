package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Run to cursor" both ways on corrupt.c: a temporary breakpoint, in either direction of time. */
class RunToLineTest {

    @Test
    void runsToTheNextOrTheLastTimeALineRuns() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")).withStopOnEntry(true),
                new Examples.Recorder())) {
            s.start();
            Stop first = s.runToLine("/elsewhere/corrupt.c", 60, Direction.FORWARD);   // smooth_window(); at n == 9
            assertEquals(StopReason.STEP, first.reason(), first.description());
            assertTrue(first.description().contains("run to corrupt.c:60"), first.description());
            assertEquals(60, s.stackTrace(0, 1).get(0).line());
            assertEquals("9", s.evaluate("n", 0, false).value());
            Stop again = s.runToLine("corrupt.c", 60, Direction.FORWARD);
            assertEquals("19", s.evaluate("n", 0, false).value(), again.description());

            // back to the last time line 58 ran: still in the iteration n == 19, before line 60
            Stop back = s.runToLine("corrupt.c", 58, Direction.BACKWARD);
            assertEquals(Direction.BACKWARD, back.direction());
            assertTrue(back.icount() < again.icount());
            assertEquals(58, s.stackTrace(0, 1).get(0).line());
            assertEquals("19", s.evaluate("n", 0, false).value());

            // a user breakpoint on the way stops first, as with any temporary breakpoint: line 60 last ran at n == 9,
            // line 63 runs in every iteration
            s.setLineBreakpoints("corrupt.c", List.of(SourceBreakpoint.at(63)));
            Stop bp = s.runToLine("corrupt.c", 60, Direction.BACKWARD);
            assertEquals(StopReason.BREAKPOINT, bp.reason(), bp.description());
            assertEquals("18", s.evaluate("n", 0, false).value());
            s.setLineBreakpoints("corrupt.c", List.of());
            s.runToLine("corrupt.c", 60, Direction.BACKWARD);
            assertEquals("9", s.evaluate("n", 0, false).value());

            SessionException none = assertThrows(SessionException.class,
                    () -> s.runToLine("corrupt.c", 500, Direction.FORWARD));
            assertTrue(none.getMessage().contains("no code at or after line 500"), none.getMessage());
        }
    }
}
