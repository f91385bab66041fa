package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stepping back out of a function into its caller: into assembly callers with line info (crt0's call main), and
 * reverse step out from a function's very first instruction, at -O0 and for a leaf at -O2 that sets up no frame.
 */
class CallerFramesTest {

    static StackFrame top(DebugSession s) throws SessionException {
        return s.stackTrace(0, 1).get(0);
    }

    static DebugSession hello() throws Exception {
        return DebugSession.open(LaunchSpec.record(Examples.example("hello.elf")).withStopOnEntry(true),
                new Examples.Recorder());
    }

    @Test
    void stepBackFromMainsFirstLineStopsOnCallMainInCrt0() throws Exception {
        try (DebugSession s = hello()) {
            s.start();
            s.setFunctionBreakpoints(List.of(FunctionBreakpoint.named("main")));
            Stop atMain = s.resume();
            assertEquals(StopReason.FUNCTION_BREAKPOINT, atMain.reason(), atMain.description());
            s.setFunctionBreakpoints(List.of());
            Stop back = s.stepBack(Granularity.LINE);
            assertEquals(StopReason.STEP, back.reason(), back.description());
            StackFrame f = top(s);
            assertEquals("_start", f.name(), back.description());
            assertTrue(f.path() != null && f.path().endsWith("crt0.S"), f.path());
            assertEquals(23, f.line(), "the call main line");
            assertEquals(18, back.icount(), "the jal main instruction");
            // and forward from there: next steps over the whole of main, to the call exit line
            Stop over = s.next(Granularity.LINE);
            assertEquals("_start", top(s).name(), over.description());
            assertEquals(24, top(s).line(), over.description());
        }
    }

    @Test
    void reverseStepOutFromAFunctionsFirstInstructionLandsOnTheCall() throws Exception {
        try (DebugSession s = hello()) {
            s.start();
            Stop first = runToInstruction(s, Examples.example("hello.elf"), "main");
            assertEquals(19, first.icount(), first.description());
            Stop out = s.reverseStepOut();
            assertEquals(StopReason.STEP, out.reason(), out.description());
            assertEquals(18, out.icount(), out.description());
            assertEquals("_start", top(s).name());
            assertEquals(23, top(s).line());
        }
    }

    @Test
    void reverseStepOutOfAFramelessLeafAtO2() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.debuginfoFixture("prog-O2.elf"))
                .withStopOnEntry(true), new Examples.Recorder())) {
            s.start();
            Stop entry = runToInstruction(s, Examples.debuginfoFixture("prog-O2.elf"), "helper");
            String caller = "nested";   // helper (with square inlined at its start) is called from nested
            // from the very first instruction: out of the inlined square first (its call site, helper:16, at the
            // same instruction), then out of helper
            Stop out = outOfSquare(s, entry.icount());
            assertEquals(entry.icount() - 1, out.icount(), out.description());
            assertEquals(caller, top(s).name(), out.description());
            assertTrue(s.disassemble(out.pc() & 0xffffffffL, 0, 1).get(0).text().matches("(c\\.)?jal.*"),
                    s.disassemble(out.pc() & 0xffffffffL, 0, 1).get(0).text());
            // from further in (still no frame: the CFA is the stack pointer all along)
            Stop mid = s.seek(entry.icount() + 3);
            assertTrue(List.of("helper", "square").contains(top(s).name()), mid.description());
            Stop out2 = outOfSquare(s, entry.icount());
            assertEquals(entry.icount() - 1, out2.icount(), out2.description());
            assertEquals(caller, top(s).name());
        }
    }

    /** Reverse step out of helper; from the inlined square at its start, via square's call site in helper. */
    private static Stop outOfSquare(DebugSession s, long helperEntry) throws Exception {
        if (top(s).name().equals("square")) {
            Stop site = s.reverseStepOut();
            assertEquals(helperEntry, site.icount(), site.description());
            assertEquals("helper", top(s).name(), site.description());
            assertEquals(16, top(s).line(), site.description());
            assertFalse(top(s).inlined());
        }
        return s.reverseStepOut();
    }

    /**
     * Line steps in assembly with line info (crt0, no function in the debug info): stepping back from the call of
     * main visits the same stops as stepping forward to it.
     */
    @Test
    void stepsBackInAssemblyRetraceTheForwardSteps() throws Exception {
        try (DebugSession s = hello()) {
            s.start();
            // from the reset code (no line info) into _start, past the stack pointer's set-up (before it, the CFA of
            // assembly without call frame info, the stack pointer, tells an earlier line for a deeper frame)
            Stop first = s.next(Granularity.LINE);
            for (int i = 0; i < 10 && top(s).line() != 13; i++) {
                first = s.next(Granularity.LINE);
            }
            assertTrue(top(s).path().endsWith("crt0.S"), first.description());
            assertEquals(13, top(s).line(), first.description());
            List<Long> forward = new java.util.ArrayList<>();
            forward.add(first.icount());
            for (int i = 0; i < 60 && top(s).line() != 23; i++) {
                Stop st = s.next(Granularity.LINE);
                assertEquals(StopReason.STEP, st.reason(), st.description());
                assertTrue(top(s).path().endsWith("crt0.S"), st.description());
                forward.add(st.icount());
            }
            assertEquals(23, top(s).line(), "reached the call of main");
            assertEquals(18, forward.get(forward.size() - 1), "the jal main instruction");
            List<Long> backward = new java.util.ArrayList<>();
            backward.add(s.info().icount());
            for (int i = 0; i < forward.size() - 1; i++) {
                Stop st = s.stepBack(Granularity.LINE);
                assertEquals(StopReason.STEP, st.reason(), st.description() + ": forward " + forward + ", back " + backward);
                backward.add(st.icount());
            }
            java.util.Collections.reverse(backward);
            assertEquals(forward, backward);
        }
    }

    private static Stop runToInstruction(DebugSession s, java.nio.file.Path elf, String function) throws Exception {
        long entry = dev.backstep.machine.ElfImage.read(elf).symbol(function).value() & 0xffffffffL;
        s.setInstructionBreakpoints(List.of(InstructionBreakpoint.at(entry)));
        Stop stop = s.resume();
        assertEquals(StopReason.INSTRUCTION_BREAKPOINT, stop.reason(), stop.description());
        assertEquals(entry, stop.pc() & 0xffffffffL);
        s.setInstructionBreakpoints(List.of());
        assertNotEquals(0, stop.icount());
        return stop;
    }
}
