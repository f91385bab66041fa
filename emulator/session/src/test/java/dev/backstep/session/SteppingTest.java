package dev.backstep.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Line and instruction steps in both directions, on the debug-info fixtures (recursion, loops, inlining). */
class SteppingTest {

    static DebugSession openAt(Path elf, String function) throws Exception {
        DebugSession s = DebugSession.open(LaunchSpec.record(elf), new Examples.Recorder());
        s.setFunctionBreakpoints(List.of(FunctionBreakpoint.named(function)));
        Stop st = s.start();
        assertEquals(StopReason.FUNCTION_BREAKPOINT, st.reason(), st.description());
        s.setFunctionBreakpoints(List.of());
        return s;
    }

    static StackFrame top(DebugSession s) throws SessionException {
        return s.stackTrace(0, 1).get(0);
    }

    static String where(DebugSession s) throws SessionException {
        StackFrame f = top(s);
        return f.name() + ":" + f.line();
    }

    @Test
    void recursionIsSteppedOverAndBackAtO0() throws Exception {
        try (DebugSession s = openAt(Examples.debuginfoFixture("prog-O0.elf"), "factorial")) {
            assertEquals("factorial:21", where(s));
            assertEquals("5", s.evaluate("n", 0, false).value());
            assertEquals(2, s.stackTrace(0, 0).stream().filter(f -> f.name().equals("main") || f.name().equals("factorial")).count());
            assertEquals("factorial:22", where(s, s.next(Granularity.LINE)));
            assertEquals("factorial:25", where(s, s.next(Granularity.LINE)));
            long depthBefore = Long.parseLong(s.evaluate("g_depth", 0, false).value());
            // steps over four nested recursive calls, stays in the n == 5 frame
            assertEquals("factorial:26", where(s, s.next(Granularity.LINE)));
            assertEquals("5", s.evaluate("n", 0, false).value());
            assertEquals(depthBefore + 4, Long.parseLong(s.evaluate("g_depth", 0, false).value()));
            // and back, the same way
            assertEquals("factorial:25", where(s, s.stepBack(Granularity.LINE)));
            assertEquals("5", s.evaluate("n", 0, false).value());
            assertEquals(depthBefore, Long.parseLong(s.evaluate("g_depth", 0, false).value()));
            assertEquals("factorial:22", where(s, s.stepBack(Granularity.LINE)));
            assertEquals("factorial:21", where(s, s.stepBack(Granularity.LINE)));
            // back out of the function: the call instruction in main
            Stop out = s.reverseStepOut();
            assertEquals(StopReason.STEP, out.reason(), out.description());
            assertEquals("main", top(s).name());
            assertEquals(List.of("main"), s.stackTrace(0, 0).stream().map(StackFrame::name).filter(n -> !n.equals("_start")).toList());
            // step into it again: after the prologue
            assertEquals("factorial:21", where(s, s.stepIn(Granularity.LINE)));
            assertEquals("5", s.evaluate("n", 0, false).value());
            // into the recursion, then out of one level
            s.next(Granularity.LINE);
            s.next(Granularity.LINE);
            assertEquals("factorial:21", where(s, s.stepIn(Granularity.LINE)));
            assertEquals("4", s.evaluate("n", 0, false).value());
            Stop so = s.stepOut();
            assertEquals("factorial", top(s).name(), so.description());
            assertEquals("5", s.evaluate("n", 0, false).value());
            // reverse step in from the line after the call: first the return point of the call (line 25 has a
            // statement there, as forward step in from the callee's last line stops), then the callee's last line
            assertEquals("factorial:26", where(s, s.next(Granularity.LINE)));
            assertEquals("factorial:25", where(s, s.reverseStepIn(Granularity.LINE)));
            assertEquals("5", s.evaluate("n", 0, false).value());
            Stop rsi = s.reverseStepIn(Granularity.LINE);
            assertEquals("factorial:26", where(s), rsi.description());
            assertEquals("4", s.evaluate("n", 0, false).value());
        }
    }

    static String where(DebugSession s, Stop stop) throws SessionException {
        assertTrue(stop.reason() == StopReason.STEP, stop.description());
        return where(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prog-O0.elf", "prog-Og.elf", "prog-O2.elf"})
    void reverseNextRetracesForwardNext(String elf) throws Exception {
        try (DebugSession s = openAt(Examples.debuginfoFixture(elf), "main")) {
            assertRetraces(s, true);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prog-O0.elf", "prog-O2.elf"})
    void reverseStepInRetracesForwardStepIn(String elf) throws Exception {
        try (DebugSession s = openAt(Examples.debuginfoFixture(elf), "main")) {
            assertRetraces(s, false);
        }
    }

    /** Forward steps until main returns, then backward steps must visit the same icounts in reverse. */
    static void assertRetraces(DebugSession s, boolean over) throws Exception {
        for (int i = 0; i < 50 && (top(s).inlined() || !top(s).name().equals("main")); i++) {
            s.next(Granularity.LINE);
        }
        List<Long> forward = new ArrayList<>();
        forward.add(s.info().icount());
        for (int i = 0; i < 400; i++) {
            Stop st = over ? s.next(Granularity.LINE) : s.stepIn(Granularity.LINE);
            if (st.reason() != StopReason.STEP || !top(s).hasSource() || !top(s).path().endsWith(".c")) {
                break;
            }
            forward.add(st.icount());
        }
        assertTrue(forward.size() > 5, "too few steps: " + forward);
        s.seek(forward.get(forward.size() - 1));
        List<Long> backward = new ArrayList<>();
        backward.add(s.info().icount());
        for (int i = 0; i < forward.size() - 1; i++) {
            Stop st = over ? s.stepBack(Granularity.LINE) : s.reverseStepIn(Granularity.LINE);
            assertEquals(Direction.BACKWARD, st.direction());
            backward.add(st.icount());
        }
        Collections.reverse(backward);
        assertEquals(forward, backward);
    }

    @Test
    void instructionStepsMoveExactlyOneIcount() throws Exception {
        try (DebugSession s = openAt(Examples.debuginfoFixture("prog-O2.elf"), "helper")) {
            long at = s.info().icount();
            assertEquals(at + 1, s.next(Granularity.INSTRUCTION).icount());
            assertEquals(at + 2, s.stepIn(Granularity.INSTRUCTION).icount());
            assertEquals(at + 1, s.stepBack(Granularity.INSTRUCTION).icount());
            assertEquals(at, s.reverseStepIn(Granularity.INSTRUCTION).icount());
        }
    }

    @Test
    void edgesOfHistory() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.debuginfoFixture("prog-O0.elf"))
                .withStopOnEntry(true), new Examples.Recorder())) {
            Stop entry = s.start();
            assertEquals(StopReason.ENTRY, entry.reason());
            assertEquals(0, entry.icount());
            Stop back = s.stepBack(Granularity.INSTRUCTION);
            assertEquals(StopReason.START_OF_RECORDING, back.reason(), back.description());
            Stop rc = s.reverseContinue();
            assertEquals(StopReason.START_OF_RECORDING, rc.reason());
            Stop end = s.resume();
            assertEquals(StopReason.EXITED, end.reason(), end.description());
            Stop again = s.resume();
            assertTrue(again.atEndOfProgram(), again.description());
            assertEquals(end.icount(), again.icount());
            Stop nx = s.next(Granularity.LINE);
            assertTrue(nx.atEndOfProgram(), nx.description());
            Stop rcs = s.reverseContinue();
            assertEquals(StopReason.START_OF_RECORDING, rcs.reason());
            assertEquals(0, rcs.icount());
            assertFalse(s.isRunning());
        }
    }
}
