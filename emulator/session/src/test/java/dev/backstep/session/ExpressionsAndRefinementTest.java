package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expression evaluator on corrupt.elf, progress of long reverse scans, and reverse line-step refinement. */
class ExpressionsAndRefinementTest {

    static String eval(DebugSession s, String e) throws SessionException {
        return s.evaluate(e, 0, false).value();
    }

    static String error(DebugSession s, String e) {
        return assertThrows(SessionException.class, () -> s.evaluate(e, 0, false), e).getMessage();
    }

    @Test
    void expressions() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")), new Examples.Recorder())) {
            s.setLineBreakpoints("corrupt.c", List.of(SourceBreakpoint.at(51)));   // p[1] = ... in smooth_window
            Stop at = s.resume();
            assertEquals(StopReason.BREAKPOINT, at.reason(), at.description());
            long cfg = Long.parseLong(eval(s, "(unsigned)&config"));
            // casts of raw addresses, members through . and ->
            assertEquals("75", eval(s, String.format("*(int*)0x%08x", cfg)));
            assertEquals("75", eval(s, "config.alarm_limit"));
            assertEquals("5", eval(s, "(&config)->hysteresis"));
            assertEquals("5", eval(s, String.format("((int*)0x%x)[1]", cfg)));
            assertEquals("116", eval(s, "config.site[0]").replaceAll(" .*", ""));
            // arithmetic, comparisons, logic, sizeof
            assertEquals("151", eval(s, "config.alarm_limit * 2 + 1"));
            assertEquals("37", eval(s, "config.alarm_limit / 2"));
            assertEquals("-75", eval(s, "-config.alarm_limit"));
            assertEquals("1", eval(s, "config.alarm_limit > config.hysteresis && config.hysteresis == 5"));
            assertEquals("0", eval(s, "config.alarm_limit <= 70"));
            assertEquals("16", eval(s, "sizeof(config)"));
            assertEquals("32", eval(s, "sizeof window"));
            // indexing and pointer arithmetic: p walks window[]
            assertEquals("1", eval(s, "p == &window[0]"));
            assertEquals(eval(s, "window[1]"), eval(s, "*(p + 1)"));
            assertEquals(eval(s, "window[1]"), eval(s, "p[1]"));
            assertEquals("2", eval(s, "&window[2] - p"));
            assertEquals("1", eval(s, "(char*)(p + 1) - (char*)p == 4"));
            // registers
            assertEquals("1", eval(s, "$pc == " + (at.pc() & 0xffffffffL)));
            assertEquals("1", eval(s, "$sp != 0 && ($sp & 15) == 0"));
            assertEquals(String.valueOf(s.evaluate("$a0", 0, false).value()), eval(s, "$x10"));
            // clear errors
            assertTrue(error(s, "nosuch + 1").contains("no symbol \"nosuch\""), error(s, "nosuch + 1"));
            assertTrue(error(s, "$nosuch").contains("$nosuch"), error(s, "$nosuch"));
            assertTrue(error(s, "config.nosuch").contains("nosuch"), error(s, "config.nosuch"));
            assertTrue(error(s, "*config.alarm_limit").contains("cannot dereference"), error(s, "*config.alarm_limit"));
            assertTrue(error(s, "window[").contains("end"), error(s, "window["));
            assertTrue(error(s, "(struct nosuch *)0").contains("unknown type"), error(s, "(struct nosuch *)0"));
            assertTrue(error(s, "").contains("empty"));
        }
    }

    @Test
    void longReverseScansReportProgress() throws Exception {
        Examples.Recorder out = new Examples.Recorder();
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")), out)) {
            Stop end = s.start();
            assertTrue(end.atEndOfProgram(), end.description());
            int before = out.progressStarts;
            // a breakpoint met all along whose condition never holds: the scan runs over the whole history (with
            // no stop set at all, the execution index knows at once that nothing can stop it)
            s.setFunctionBreakpoints(List.of(new FunctionBreakpoint("uart_putc", "0 == 1", null)));
            Stop back = s.reverseContinue();
            assertEquals(StopReason.START_OF_RECORDING, back.reason(), back.description());
            assertTrue(out.progressStarts > before, "a reverse scan over " + end.icount() + " instructions reports progress");
            assertEquals(out.progressStarts, out.progressEnds);
        }
    }

    /**
     * A reverse line step refines its landing to the start of the line; a breakpoint met within the line on the way
     * wins. calls.c:54 (for loop of nested(), -O0) is two pieces: init, then the condition at the loop's bottom.
     */
    @Test
    void breakpointInsideTheLineWinsOverTheLineStart() throws Exception {
        try (DebugSession s = SteppingTest.openAt(Examples.debuginfoFixture("prog-O0.elf"), "nested")) {
            s.setLineBreakpoints("calls.c", List.of(SourceBreakpoint.at(55)));
            Stop body = s.resume();
            assertEquals(StopReason.BREAKPOINT, body.reason(), body.description());
            s.setLineBreakpoints("calls.c", List.of());
            Stop start = s.stepBack(Granularity.LINE);
            assertEquals("nested:54", SteppingTest.where(s), start.description());
            long lineStart = start.icount();
            // an instruction of the init piece after the line start
            Stop second = s.next(Granularity.INSTRUCTION);
            assertEquals(54, s.stackTrace(0, 1).get(0).line());
            s.setInstructionBreakpoints(List.of(InstructionBreakpoint.at(second.pc() & 0xffffffffL)));
            s.seek(body.icount());
            Stop hit = s.stepBack(Granularity.LINE);
            assertEquals(StopReason.INSTRUCTION_BREAKPOINT, hit.reason(), hit.description() + " start " + lineStart + " second " + second + " " + s.disassemble(second.pc() & 0xffffffffL, -3, 8));
            assertEquals(lineStart + 1, hit.icount());
            // a breakpoint before the line start is not passed: the step ends at the line start
            s.seek(lineStart);
            Stop before = s.stepBack(Granularity.INSTRUCTION);
            s.setInstructionBreakpoints(List.of(new InstructionBreakpoint(before.pc() & 0xffffffffL, null, "1")));
            s.seek(body.icount());
            Stop landed = s.stepBack(Granularity.LINE);
            assertEquals(StopReason.STEP, landed.reason(), landed.description());
            assertEquals(lineStart, landed.icount());
            // ...and its hit was not counted: the next reverse continue stops there as the 1st hit
            Stop rc = s.reverseContinue();
            assertEquals(StopReason.INSTRUCTION_BREAKPOINT, rc.reason(), rc.description());
            assertEquals(before.icount(), rc.icount());
        }
    }
}
