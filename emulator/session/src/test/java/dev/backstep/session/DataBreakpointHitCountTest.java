package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hit counts on data breakpoints, like on line breakpoints: counted in the direction of travel. */
class DataBreakpointHitCountTest {

    /** icounts of the stops of every write to window[7] (corrupt.c), in the order met from where s is. */
    private static List<Long> everyWrite(DebugSession s, String dataId, boolean forward, int n) throws Exception {
        s.setDataBreakpoints(List.of(DataBreakpoint.of(dataId, DataAccess.WRITE)));
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Stop st = forward ? s.resume() : s.reverseContinue();
            assertEquals(StopReason.DATA_BREAKPOINT, st.reason(), st.description());
            at.add(st.icount());
        }
        return at;
    }

    @Test
    void aHitConditionCountsWritesInTheDirectionOfTravel() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")),
                new Examples.Recorder())) {
            s.setFunctionBreakpoints(List.of(FunctionBreakpoint.named("main")));
            Stop main = s.start();
            s.setFunctionBreakpoints(List.of());
            String dataId = s.dataBreakpointInfoForExpression("window[7]", 0).dataId();
            List<Long> forward = everyWrite(s, dataId, true, 6);

            s.seek(main.icount());
            List<BreakpointStatus> st = s.setDataBreakpoints(List.of(
                    new DataBreakpoint(dataId, DataAccess.WRITE, null, "5")));
            assertTrue(st.get(0).verified(), st.toString());
            Stop fifth = s.resume();
            assertEquals(StopReason.DATA_BREAKPOINT, fifth.reason(), fifth.description());
            assertEquals(forward.get(4), fifth.icount(), "the fifth write going forward");

            // backward from just after the sixth write: going back stops on each writing instruction (one icount
            // before the forward stop after it), the sixth write first
            s.seek(forward.get(5));
            List<Long> backward = everyWrite(s, dataId, false, 3);
            assertEquals(List.of(forward.get(5) - 1, forward.get(4) - 1, forward.get(3) - 1), backward);
            s.seek(forward.get(5));
            s.setDataBreakpoints(List.of(new DataBreakpoint(dataId, DataAccess.WRITE, null, "3")));
            Stop third = s.reverseContinue();
            assertEquals(backward.get(2), third.icount(), third.description());

            List<BreakpointStatus> bad = s.setDataBreakpoints(List.of(
                    new DataBreakpoint(dataId, DataAccess.WRITE, null, "every other")));
            assertFalse(bad.get(0).verified());
            assertTrue(bad.get(0).message().contains("every other"), bad.get(0).message());
        }
    }
}
