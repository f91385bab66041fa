package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls inlined at -O2 (bench.elf: sieve, crc32, ... inlined into main): where an inlined copy begins, the stop shows
 * the call site in the caller, not entered yet, as gdb does; step in enters it without running, stepping back out of
 * its first line leads to the call site again, and line steps over the caller's lines stop at each such call.
 */
class InlinedCallSiteTest {

    private static StackFrame top(DebugSession s) throws SessionException {
        return s.stackTrace(0, 1).get(0);
    }

    private static String where(DebugSession s) throws SessionException {
        StackFrame f = top(s);
        return f.name() + ":" + f.line() + (f.inlined() ? " (inlined)" : "");
    }

    private static DebugSession atLine(int line) throws Exception {
        DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("bench.elf")).withStopOnEntry(true),
                new Examples.Recorder());
        s.start();
        s.setLineBreakpoints("bench.c", List.of(SourceBreakpoint.at(line)));
        Stop st = s.resume();
        assertEquals(StopReason.BREAKPOINT, st.reason(), st.description());
        s.setLineBreakpoints("bench.c", List.of());
        return s;
    }

    /** From the breakpoint on line 168 (itself shown as the call of sieve), a line step to the call on line 170. */
    private static DebugSession atCallOf170() throws Exception {
        DebugSession s = atLine(168);
        assertEquals("main:168", where(s), "a breakpoint on a call's line shows the call site");
        assertFalse(top(s).inlined());
        Stop st = s.next(Granularity.LINE);
        assertEquals("main:170", where(s), st.description());
        return s;
    }

    @Test
    void stepInEntersTheCopyWithoutRunningAndStepBackLeavesIt() throws Exception {
        try (DebugSession s = atCallOf170()) {
            long at = s.info().icount();
            Stop in = s.stepIn(Granularity.LINE);
            assertEquals(at, in.icount(), in.description());
            assertEquals(StopReason.STEP, in.reason());
            assertEquals("crc32_bitwise", top(s).name(), in.description());
            assertTrue(top(s).inlined());
            assertEquals("main:170", s.stackTrace(0, 0).get(1).name() + ":" + s.stackTrace(0, 0).get(1).line());
            assertTrue(in.description().contains("in crc32_bitwise"), in.description());
            // the copy's first line: stepping back leads to the call site, still at the same instruction
            Stop back = s.stepBack(Granularity.LINE);
            assertEquals(at, back.icount(), back.description());
            assertEquals(Direction.BACKWARD, back.direction());
            assertEquals("main:170", where(s));
            assertTrue(back.description().contains("in main at bench.c:170"), back.description());
        }
    }

    @Test
    void nextAndStepBackStopAtTheCallSite() throws Exception {
        try (DebugSession s = atCallOf170()) {
            long at = s.info().icount();
            Stop next = s.next(Granularity.LINE);
            assertTrue(next.icount() > at + 1000, "the inlined copy is stepped over: " + next.description());
            assertEquals("main", top(s).name(), next.description());
            assertFalse(top(s).inlined());
            assertNotEquals(170, top(s).line());
            Stop back = s.stepBack(Granularity.LINE);
            assertEquals(at, back.icount(), back.description());
            assertEquals("main:170", where(s));
            assertEquals(next.icount(), s.next(Granularity.LINE).icount(), "next retraces the step back");
        }
    }

    @Test
    void reverseStepOutOfAnInlinedCopyLandsOnItsCallSite() throws Exception {
        try (DebugSession s = atLine(168)) {
            long bp = s.info().icount();
            assertEquals("main:168", where(s));
            s.stepIn(Granularity.LINE);
            assertEquals("sieve:35 (inlined)", where(s));
            for (int i = 0; i < 3; i++) {
                s.next(Granularity.LINE);
            }
            assertEquals("sieve", top(s).name());
            long inside = s.info().icount();
            assertTrue(inside > bp + 1000, "in the sieve's loops");
            Stop out = s.reverseStepOut();
            assertEquals(Direction.BACKWARD, out.direction());
            assertTrue(out.icount() <= bp, out.description());
            assertEquals("main:168", where(s));
            long site = out.icount();
            // the instruction before is outside the copy: the copy's run begins here
            s.stepBack(Granularity.INSTRUCTION);
            assertNotEquals("sieve", top(s).name());
            s.next(Granularity.INSTRUCTION);
            assertEquals(site, s.info().icount());
            assertEquals("sieve", top(s).name(), "a machine step shows where the pc is");
            // from the call site, step in enters the copy where it is
            s.seek(site);
            s.reverseStepOut();
            assertEquals("main:168", where(s));
            assertEquals(site, s.info().icount());
        }
    }
}
