package dev.backstep.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backtraces through traps: the handler's frames, a frame for the trap named by its cause, then the interrupted
 * code at mepc with the registers the handler saved (where its CFI says), or nothing more when it has no CFI —
 * never frames made up from the handler's stack.
 */
class TrapBacktraceTest {

    private static DebugSession open(String example, String input) throws Exception {
        LaunchSpec spec = LaunchSpec.record(Examples.example(example)).withStopOnEntry(true);
        if (input != null) {
            spec = spec.withInputFile(Examples.example(input));
        }
        DebugSession s = DebugSession.open(spec, new Examples.Recorder());
        s.start();
        return s;
    }

    private static Stop runTo(DebugSession s, String function, int hit) throws SessionException {
        s.setFunctionBreakpoints(List.of(new FunctionBreakpoint(function, null, null)));
        Stop st = null;
        for (int i = 0; i < hit; i++) {
            st = s.resume();
            assertEquals(StopReason.FUNCTION_BREAKPOINT, st.reason(), st.description());
        }
        s.setFunctionBreakpoints(List.of());
        return st;
    }

    private static List<String> names(DebugSession s) throws SessionException {
        return s.stackTrace(0, 0).stream().map(StackFrame::name).toList();
    }

    @Test
    void timerHandlerWithoutCfiShowsTheTrapAndTheInterruptedCodeThenStops() throws Exception {
        try (DebugSession s = open("timer.elf", null)) {
            runTo(s, "set_mtimecmp", 2); // the first call is main's, the second the handler's
            List<StackFrame> frames = s.stackTrace(0, 0);
            assertEquals(List.of("set_mtimecmp", "trap_handler", "trap_entry", "<machine timer interrupt>", "main"),
                    names(s));
            StackFrame trap = frames.get(3);
            assertFalse(trap.hasSource());
            StackFrame main = frames.get(4);
            assertEquals(Integer.parseUnsignedInt(s.evaluate("$mepc", 0, true).value().substring(2), 16),
                    (int) main.pc(), "the interrupted code is at mepc");
            assertTrue(main.hasSource() && main.path().endsWith("timer.c"), main.toString());
        }
    }

    @Test
    void echoReceiveInterruptIsNamedByItsCause() throws Exception {
        try (DebugSession s = open("echo.elf", "echo.input")) {
            runTo(s, "trap_handler", 1);
            List<String> names = names(s);
            assertEquals(List.of("trap_handler", "trap_entry", "<machine external interrupt>", "main"), names);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"oracle/oracle-O0.elf", "oracle/oracle-Og.elf", "oracle/oracle-O2.elf"})
    void ownLayoutHandlerIsUnwoundWhereItsCfiSaysAndTheInterruptedFrameHasItsValues(String elf) throws Exception {
        try (DebugSession s = open(elf, null)) {
            runTo(s, "on_trap", 1); // the ecall of syscall(21)
            assertEquals(List.of("on_trap", "trap_vector", "<environment call from M-mode>", "syscall", "main",
                    "_start"), names(s));
            List<StackFrame> frames = s.stackTrace(0, 0);
            // the interrupted syscall's registers come from trap_vector's frame: its argument is 21 there
            assertEquals("n=21", s.frameArguments(frames.get(3).id()));
            assertEquals("21", s.valueText("n", frames.get(3).id(), false));
            runTo(s, "on_trap", 1); // the timer interrupt while wait_ticks(1) sleeps
            assertEquals(List.of("on_trap", "trap_vector", "<machine timer interrupt>", "wait_ticks", "main",
                    "_start"), names(s));
            assertEquals("n=1", s.frameArguments(s.stackTrace(0, 0).get(3).id()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"oracle/oracle-O0.elf", "oracle/oracle-O2.elf"})
    void interruptAttributeHandlerIsATrapFrameToo(String elf) throws Exception {
        try (DebugSession s = open(elf, null)) {
            runTo(s, "set_mtimecmp", 5); // wait_ticks(1), on_trap, wait_ticks(2), then timer_isr's
            assertEquals(List.of("set_mtimecmp", "timer_isr", "<machine timer interrupt>", "wait_ticks", "main",
                    "_start"), names(s));
            assertEquals("n=2", s.frameArguments(s.stackTrace(0, 0).get(3).id()));
        }
    }
}
