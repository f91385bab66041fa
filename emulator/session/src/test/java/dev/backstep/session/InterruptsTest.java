package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exception filters and stepping across interrupts: timer.elf (timer interrupts), echo.elf (UART RX interrupts). */
class InterruptsTest {

    static DebugSession timer() throws Exception {
        return DebugSession.open(LaunchSpec.record(Examples.example("timer.elf")).withStopOnEntry(true),
                new Examples.Recorder());
    }

    static String where(DebugSession s) throws SessionException {
        StackFrame f = s.stackTrace(0, 1).get(0);
        return f.name() + ":" + f.line();
    }

    static long ticks(DebugSession s) throws SessionException {
        return Long.parseLong(s.evaluate("ticks", 0, false).value());
    }

    @Test
    void interruptFilterStopsAtTheTimerInterruptBothWays() throws Exception {
        try (DebugSession s = timer()) {
            s.start();
            assertThrows(SessionException.class, () -> s.setExceptionFilters(Set.of("bogus")));
            s.setExceptionFilters(Set.of(ExceptionFilter.INTERRUPTS));
            long last = -1;
            for (int tick = 0; tick < 5; tick++) {
                Stop st = s.resume();
                assertEquals(StopReason.EXCEPTION, st.reason(), st.description());
                assertEquals("machine timer interrupt", st.text());
                ExceptionDetails d = s.exceptionInfo();
                assertNotNull(d);
                assertEquals("machine timer interrupt", d.id());
                assertTrue(d.interrupt());
                assertEquals(0x80000007, d.mcause());
                assertEquals(tick, ticks(s), "stopped before the handler ran");
                assertTrue(st.icount() > last);
                last = st.icount();
            }
            Stop end = s.resume();
            assertEquals(StopReason.EXITED, end.reason(), end.description());
            assertNull(s.exceptionInfo());
            // back through the five interrupts, then the start
            for (int tick = 4; tick >= 0; tick--) {
                Stop st = s.reverseContinue();
                assertEquals(StopReason.EXCEPTION, st.reason(), st.description());
                assertEquals(Direction.BACKWARD, st.direction());
                assertEquals("machine timer interrupt", s.exceptionInfo().id());
                assertEquals(tick, ticks(s));
            }
            assertEquals(StopReason.START_OF_RECORDING, s.reverseContinue().reason());
        }
    }

    @Test
    void exceptionsFilterIgnoresInterruptsAllCatchesThem() throws Exception {
        try (DebugSession s = timer()) {
            s.start();
            s.setExceptionFilters(Set.of(ExceptionFilter.EXCEPTIONS));
            Stop st = s.resume();
            assertEquals(StopReason.EXITED, st.reason(), "no exceptions in timer.elf: " + st.description());
            s.setExceptionFilters(Set.of(ExceptionFilter.ALL_TRAPS));
            Stop back = s.reverseContinue();
            assertEquals(StopReason.EXCEPTION, back.reason(), back.description());
            assertEquals(4, ticks(s));
            s.setExceptionFilters(Set.of());
            assertEquals(StopReason.START_OF_RECORDING, s.reverseContinue().reason());
        }
    }

    @Test
    void lineStepsStepOverInterruptHandlersBothWays() throws Exception {
        try (DebugSession s = timer()) {
            s.start();
            s.setLineBreakpoints("timer.c", List.of(SourceBreakpoint.at(34)));   // the wfi
            Stop wfi = s.resume();
            assertEquals("main:34", where(s), wfi.description());
            s.setLineBreakpoints("timer.c", List.of());
            assertEquals(0, ticks(s));
            // next: the interrupt is taken and handled, the step ends in main on the next line
            Stop n = s.next(Granularity.LINE);
            assertEquals(StopReason.STEP, n.reason(), n.description());
            assertEquals("main:35", where(s));
            assertEquals(1, ticks(s));
            long after = n.icount();
            assertTrue(after - wfi.icount() > 10, "the handler ran in between");
            // back: not into the handler, straight to the wfi line
            Stop b = s.stepBack(Granularity.LINE);
            assertEquals("main:34", where(s), b.description());
            assertEquals(wfi.icount(), b.icount());
            assertEquals(0, ticks(s));
            // step in: into the trap vector, whose out returns to the interrupted code
            Stop in = s.stepIn(Granularity.LINE);
            assertEquals("trap_entry", s.stackTrace(0, 1).get(0).name(), in.description());
            s.setFunctionBreakpoints(List.of(FunctionBreakpoint.named("trap_handler")));
            Stop h = s.resume();
            assertEquals(StopReason.FUNCTION_BREAKPOINT, h.reason(), h.description());
            s.setFunctionBreakpoints(List.of());
            assertEquals("trap_handler", s.stackTrace(0, 1).get(0).name());
            // reverse step out of the handler: the call in the trap vector, then the interrupted code
            Stop o1 = s.reverseStepOut();
            assertEquals("trap_entry", s.stackTrace(0, 1).get(0).name(), o1.description());
            // the state before the trap entry: the wfi has retired, the interrupt is taken by the next step
            // (docs/machine-api.md: the state at a trap's icount is before its entry), like a call instruction
            Stop o2 = s.reverseStepOut();
            assertEquals("main", s.stackTrace(0, 1).get(0).name(), o2.description());
            assertEquals(wfi.icount() + 1, o2.icount());
            assertEquals(0, ticks(s));
            s.stepIn(Granularity.INSTRUCTION);
            assertEquals("trap_entry", s.stackTrace(0, 1).get(0).name(), "one instruction enters the handler");
            s.stepBack(Granularity.INSTRUCTION);
            // forward out of the trap frame: back in main after the handler
            s.stepIn(Granularity.LINE);
            Stop out = s.stepOut();
            assertEquals("main", s.stackTrace(0, 1).get(0).name(), out.description());
            assertEquals(1, ticks(s));
            // reverse step in from the line after the wfi lands in the handler's code (its last line)
            s.seek(after);
            Stop rsi = s.reverseStepIn(Granularity.LINE);
            assertTrue(!where(s).startsWith("main"), "reverse step in enters the handler: " + where(s) + " " + rsi);
        }
    }

    @Test
    void nextAndStepBackRetraceEachOtherAcrossInterrupts() throws Exception {
        try (DebugSession s = timer()) {
            s.start();
            s.setFunctionBreakpoints(List.of(FunctionBreakpoint.named("main")));
            s.resume();
            s.setFunctionBreakpoints(List.of());
            SteppingTest.assertRetraces(s, true);
        }
    }

    @Test
    void echoWithUartInputStepsBothWays() throws Exception {
        Examples.Recorder out = new Examples.Recorder();
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("echo.elf"))
                .withInputFile(Examples.example("echo.input")).withStopOnEntry(true), out)) {
            s.start();
            s.setLineBreakpoints("echo.c", List.of(SourceBreakpoint.at(132)));   // lines++
            Stop first = s.resume();
            assertEquals(StopReason.BREAKPOINT, first.reason(), first.description());
            s.setLineBreakpoints("echo.c", List.of());
            assertTrue(s.evaluate("line", 0, false).value().contains("hello world"), s.evaluate("line", 0, false).value());
            // forward steps over the next read_line calls (wfi, RX interrupts, the handler filling the ring)...
            List<Long> forward = new java.util.ArrayList<>(List.of(first.icount()));
            List<String> lines = new java.util.ArrayList<>(List.of(where(s)));
            for (int i = 0; i < 30; i++) {
                Stop n = s.next(Granularity.LINE);
                assertEquals(StopReason.STEP, n.reason(), n.description());
                assertTrue(!s.stackTrace(0, 1).get(0).name().equals("trap_handler"), n.description());
                forward.add(n.icount());
                lines.add(where(s));
            }
            assertTrue(out.stdout.toString().contains("HELLO"), out.stdout.toString());
            // ...and back the same way, never inside the handler
            for (int i = forward.size() - 2; i >= 0; i--) {
                Stop b = s.stepBack(Granularity.LINE);
                assertEquals(StopReason.STEP, b.reason(), b.description());
                assertEquals(forward.get(i), b.icount(), "step back " + i + " from " + lines.get(i + 1));
                assertEquals(lines.get(i), where(s));
            }
            // forward to the end: the whole conversation, output once
            Stop end = s.resume();
            assertEquals(StopReason.EXITED, end.reason(), end.description());
            assertEquals(0, end.exitCode());
            String expected = new String(java.nio.file.Files.readAllBytes(Examples.example("echo.expected")));
            assertEquals(expected, out.stdout.toString());
            // reverse with the interrupts filter: the last RX interrupt, which delivered "this line..."? no:
            // quit's newline was the last byte read before the program ended
            s.setExceptionFilters(Set.of(ExceptionFilter.INTERRUPTS));
            Stop rx = s.reverseContinue();
            assertEquals(StopReason.EXCEPTION, rx.reason(), rx.description());
            assertEquals("machine external interrupt", s.exceptionInfo().id());
            s.setExceptionFilters(Set.of());
            Stop back = s.stepBack(Granularity.LINE);
            assertEquals(Direction.BACKWARD, back.direction());
            assertEquals(expected, out.stdout.toString(), "no output repeated going back");
        }
    }
}
