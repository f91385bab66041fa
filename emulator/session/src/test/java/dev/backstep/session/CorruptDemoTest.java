package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reverse-debugging demo: who wrote garbage into config.alarm_limit? */
class CorruptDemoTest {

    @Test
    void watchpointAndReverseContinueFindTheGuiltyLine() throws Exception {
        Examples.Recorder out = new Examples.Recorder();
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")), out)) {
            Stop end = s.start();
            assertEquals(StopReason.EXITED, end.reason(), end.description());
            assertEquals(1, end.exitCode());
            assertTrue(out.stdout.toString().contains("check failed: alarm limit of tank-3 is 5"), out.stdout.toString());

            VariableInfo limit = s.evaluate("config.alarm_limit", 0, false);
            assertEquals("5", limit.value());
            DataBreakpointInfo info = s.dataBreakpointInfoForExpression("config.alarm_limit", 0);
            assertNotNull(info.dataId(), info.description());
            List<BreakpointStatus> st = s.setDataBreakpoints(List.of(DataBreakpoint.of(info.dataId(), DataAccess.WRITE)));
            assertTrue(st.get(0).verified(), st.toString());

            String before = out.stdout.toString();
            Stop back = s.reverseContinue();
            assertEquals(StopReason.DATA_BREAKPOINT, back.reason(), back.description());
            assertEquals(Direction.BACKWARD, back.direction());
            StackFrame top = s.stackTrace(0, 1).get(0);
            assertEquals("smooth_window", top.name(), back.description());
            List<String> src = s.sourceLines(top.path());
            assertTrue(src.get(top.line() - 1).contains("p[1] = (p[0] + p[1]) / 2;"), src.get(top.line() - 1));
            // on the writing instruction: the old value (an earlier overflow's garbage) is still there
            assertNotEquals("5", s.evaluate("config.alarm_limit", 0, false).value());
            assertEquals("1", s.evaluate("p == &window[7]", top.id(), false).value());
            // forward again: stops after the write, no output repeated
            Stop fwd = s.resume();
            assertEquals(StopReason.DATA_BREAKPOINT, fwd.reason(), fwd.description());
            assertEquals(back.icount() + 1, fwd.icount());
            assertEquals("5", s.evaluate("config.alarm_limit", 0, false).value());
            assertEquals(before, out.stdout.toString());
        }
    }
}
