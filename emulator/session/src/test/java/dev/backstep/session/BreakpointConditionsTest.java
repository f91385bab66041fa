package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conditions, hit conditions and log points on line, function and instruction breakpoints, both directions.
 * corrupt.c: shift_window's loop body (line 35) runs 7 times (i = 0..6) per sample, 40 samples.
 */
class BreakpointConditionsTest {
    static final int SHIFT_BODY = 35;

    static DebugSession corrupt(Examples.Recorder out) throws Exception {
        return DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")).withStopOnEntry(true), out);
    }

    static long value(DebugSession s, String expr) throws SessionException {
        return Long.parseLong(s.evaluate(expr, 0, false).value());
    }

    static Stop end(DebugSession s) throws SessionException {
        s.setLineBreakpoints("corrupt.c", List.of());
        s.setFunctionBreakpoints(List.of());
        s.setInstructionBreakpoints(List.of());
        Stop e = s.resume();
        assertEquals(StopReason.EXITED, e.reason(), e.description());
        return e;
    }

    @Test
    void conditionStopsOnlyWhereItHoldsBothWays() throws Exception {
        try (DebugSession s = corrupt(new Examples.Recorder())) {
            s.start();
            List<BreakpointStatus> st = s.setLineBreakpoints("corrupt.c",
                    List.of(new SourceBreakpoint(SHIFT_BODY, "i == 3", null, null)));
            assertTrue(st.get(0).verified(), st.toString());
            Stop a = s.resume();
            assertEquals(StopReason.BREAKPOINT, a.reason(), a.description());
            assertEquals(List.of(st.get(0).id()), a.hitBreakpointIds());
            assertEquals(3, value(s, "i"));
            assertEquals(0, value(s, "newest < -1000"));
            Stop b = s.resume();
            assertEquals(StopReason.BREAKPOINT, b.reason());
            assertEquals(3, value(s, "i"));
            assertTrue(b.icount() > a.icount());
            Stop c = s.resume();
            assertEquals(3, value(s, "i"));
            // reverse continue honours the condition too: back to b, then a, then the start
            Stop rb = s.reverseContinue();
            assertEquals(StopReason.BREAKPOINT, rb.reason(), rb.description());
            assertEquals(Direction.BACKWARD, rb.direction());
            assertEquals(b.icount(), rb.icount());
            assertEquals(3, value(s, "i"));
            assertEquals(a.icount(), s.reverseContinue().icount());
            assertEquals(StopReason.START_OF_RECORDING, s.reverseContinue().reason());
            assertTrue(c.icount() > b.icount());
        }
    }

    @Test
    void badConditionStopsAndSaysWhy() throws Exception {
        try (DebugSession s = corrupt(new Examples.Recorder())) {
            s.start();
            s.setLineBreakpoints("corrupt.c", List.of(new SourceBreakpoint(SHIFT_BODY, "no_such_thing > 1", null, null)));
            Stop a = s.resume();
            assertEquals(StopReason.BREAKPOINT, a.reason());
            assertTrue(a.description().contains("no_such_thing"), a.description());
        }
    }

    @Test
    void hitConditionsCountForward() throws Exception {
        try (DebugSession s = corrupt(new Examples.Recorder())) {
            s.start();
            s.setLineBreakpoints("corrupt.c", List.of(new SourceBreakpoint(SHIFT_BODY, null, "3", null)));
            s.resume();
            assertEquals(2, value(s, "i"), "the 3rd hit is i == 2 of the first sample");
            assertTrue(end(s).atEndOfProgram());
        }
        try (DebugSession s = corrupt(new Examples.Recorder())) {
            s.start();
            s.setLineBreakpoints("corrupt.c", List.of(new SourceBreakpoint(SHIFT_BODY, null, "== 3", null)));
            s.resume();
            assertEquals(2, value(s, "i"));
            Stop none = s.resume();
            assertEquals(StopReason.EXITED, none.reason(), "== 3 stops once: " + none.description());
        }
        try (DebugSession s = corrupt(new Examples.Recorder())) {
            s.start();
            s.setLineBreakpoints("corrupt.c", List.of(new SourceBreakpoint(SHIFT_BODY, null, ">= 3", null)));
            s.resume();
            assertEquals(2, value(s, "i"));
            s.resume();
            assertEquals(3, value(s, "i"));
            s.resume();
            assertEquals(4, value(s, "i"));
        }
        try (DebugSession s = corrupt(new Examples.Recorder())) {
            s.start();
            s.setLineBreakpoints("corrupt.c", List.of(new SourceBreakpoint(SHIFT_BODY, null, "% 2", null)));
            s.resume();
            assertEquals(1, value(s, "i"));
            s.resume();
            assertEquals(3, value(s, "i"));
            s.resume();
            assertEquals(5, value(s, "i"));
            s.resume();
            assertEquals(0, value(s, "i"), "hit 8 is i == 0 of the second sample");
        }
    }

    @Test
    void hitConditionsCountInTheDirectionOfTravel() throws Exception {
        try (DebugSession s = corrupt(new Examples.Recorder())) {
            s.start();
            end(s);
            // from the end, hits counted backwards: i = 6, 5, 4 of the last sample
            s.setLineBreakpoints("corrupt.c", List.of(new SourceBreakpoint(SHIFT_BODY, null, "3", null)));
            Stop r = s.reverseContinue();
            assertEquals(StopReason.BREAKPOINT, r.reason(), r.description());
            assertEquals(4, value(s, "i"));
            assertEquals(0x48, value(s, "(int)config.site[0] + 0x48 - 't'"), "sanity: expression on a global");
            // every 2nd hit going back: i = 2, then i = 0
            s.setLineBreakpoints("corrupt.c", List.of(new SourceBreakpoint(SHIFT_BODY, null, "% 2", null)));
            s.reverseContinue();
            assertEquals(2, value(s, "i"));
            s.reverseContinue();
            assertEquals(0, value(s, "i"));
            s.reverseContinue();
            assertEquals(5, value(s, "i"), "then the previous sample: 6 (hit 5), 5 (hit 6)");
            // a condition and a hit condition together, going back: the 2nd i == 1 before here
            s.setLineBreakpoints("corrupt.c", List.of(new SourceBreakpoint(SHIFT_BODY, "i == 1", "2", null)));
            long before = s.info().icount();
            Stop two = s.reverseContinue();
            assertEquals(1, value(s, "i"));
            assertTrue(two.icount() < before);
        }
    }

    @Test
    void logPointsPrintGoingForwardAndNeverStop() throws Exception {
        Examples.Recorder out = new Examples.Recorder();
        try (DebugSession s = corrupt(out)) {
            s.start();
            s.setLineBreakpoints("corrupt.c", List.of(new SourceBreakpoint(SHIFT_BODY, "i == 6", null,
                    "shift {newest} at i={i}, {{literal}}")));
            Stop e = s.resume();
            assertEquals(StopReason.EXITED, e.reason(), e.description());
            String[] lines = out.console.toString().split("\n");
            assertEquals(40, lines.length, out.console.toString());
            assertTrue(lines[0].matches("shift -?\\d+ at i=6, \\{literal\\}"), lines[0]);
            // no stop and no repeated output going back
            Stop back = s.reverseContinue();
            assertEquals(StopReason.START_OF_RECORDING, back.reason(), back.description());
            assertEquals(40, out.console.toString().split("\n").length);
            // forward again over already recorded history: printed again (the user asked for it again)
            s.setLineBreakpoints("corrupt.c", List.of(new SourceBreakpoint(SHIFT_BODY, null, "% 70",
                    "hit at i={i}")));
            s.resume();
            String tail = out.console.substring(out.console.indexOf("hit at"));
            assertEquals(4, tail.split("\n").length, tail);
            assertTrue(tail.startsWith("hit at i=6\n"), "hit 70 is the 10th sample's i == 6: " + tail);
        }
    }

    @Test
    void logPointErrorsAreShownInline() throws Exception {
        Examples.Recorder out = new Examples.Recorder();
        try (DebugSession s = corrupt(out)) {
            s.start();
            s.setLineBreakpoints("corrupt.c", List.of(new SourceBreakpoint(SHIFT_BODY, null, "1", "x={nope}")));
            s.resume();
            assertTrue(out.console.toString().startsWith("x=<no symbol \"nope\""), out.console.toString());
        }
    }

    @Test
    void functionBreakpointsWithConditionsAndHitCounts() throws Exception {
        try (DebugSession s = corrupt(new Examples.Recorder())) {
            s.start();
            List<BreakpointStatus> st = s.setFunctionBreakpoints(List.of(new FunctionBreakpoint("read_sensor", "n == 5", null)));
            assertTrue(st.get(0).verified(), st.toString());
            Stop a = s.resume();
            assertEquals(StopReason.FUNCTION_BREAKPOINT, a.reason(), a.description());
            assertEquals(5, value(s, "n"));
            s.setFunctionBreakpoints(List.of(new FunctionBreakpoint("read_sensor", null, "4")));
            s.resume();
            assertEquals(9, value(s, "n"), "4th hit after n == 5: 6, 7, 8, 9");
            s.setFunctionBreakpoints(List.of(new FunctionBreakpoint("read_sensor", "n % 2 == 0", "2")));
            Stop back = s.reverseContinue();
            assertEquals(StopReason.FUNCTION_BREAKPOINT, back.reason(), back.description());
            assertEquals(6, value(s, "n"), "going back from n == 9: even n are 8 (hit 1), 6 (hit 2)");
        }
    }

    @Test
    void instructionBreakpointsWithConditionsAndHitCounts() throws Exception {
        try (DebugSession s = corrupt(new Examples.Recorder())) {
            s.start();
            long entry = value(s, "(unsigned int)&shift_window");
            List<BreakpointStatus> st = s.setInstructionBreakpoints(List.of(new InstructionBreakpoint(entry, null, "3")));
            assertTrue(st.get(0).verified(), st.toString());
            Stop a = s.resume();
            assertEquals(StopReason.INSTRUCTION_BREAKPOINT, a.reason(), a.description());
            assertEquals(entry, a.pc() & 0xffffffffL);
            StackFrame caller = s.stackTrace(0, 0).get(1);
            assertEquals("main", caller.name());
            assertEquals("2", s.evaluate("n", caller.id(), false).value(), "3rd call is for n == 2");
            s.setInstructionBreakpoints(List.of(new InstructionBreakpoint(entry, "$a0 < -80", null)));
            Stop b = s.resume();
            assertTrue(value(s, "$a0") < -80, b.description());
            long first = b.icount();
            s.resume();
            Stop rb = s.reverseContinue();
            assertEquals(first, rb.icount(), rb.description());
            List<BreakpointStatus> bad = s.setInstructionBreakpoints(List.of(new InstructionBreakpoint(entry, null, "every 3")));
            assertFalse(bad.get(0).verified());
            assertTrue(bad.get(0).message().contains("not understood"), bad.get(0).message());
        }
    }

    /** A line with code in several places (inlined copies) counts hits per breakpoint, not per address. */
    @Test
    void hitCountsArePerBreakpointNotPerAddress() throws Exception {
        try (DebugSession s = SteppingTest.openAt(Examples.debuginfoFixture("prog-O0.elf"), "main")) {
            // calls.c:9 is square()'s body, inlined into nested (once), helper (3 calls: x = 0, 1, 2) and main
            List<BreakpointStatus> st = s.setLineBreakpoints("calls.c", List.of(new SourceBreakpoint(9, null, "2", null)));
            assertTrue(st.get(0).verified(), st.toString());
            Stop a = s.resume();
            assertEquals(StopReason.BREAKPOINT, a.reason(), a.description());
            List<StackFrame> frames = s.stackTrace(0, 0);
            assertEquals("helper", frames.get(1).name(), frames.toString());
            assertEquals(0, Long.parseLong(s.evaluate("x", frames.get(1).id(), false).value()));
            Stop none = s.resume();
            assertEquals(StopReason.EXITED, none.reason(), none.description());
            // going back from the end: main's copy is hit 1, helper with x == 2 is hit 2
            s.setLineBreakpoints("calls.c", List.of(new SourceBreakpoint(9, null, "2", null)));
            s.reverseContinue();
            frames = s.stackTrace(0, 0);
            assertEquals("helper", frames.get(1).name(), frames.toString());
            assertEquals(2, Long.parseLong(s.evaluate("x", frames.get(1).id(), false).value()));
        }
    }
}
