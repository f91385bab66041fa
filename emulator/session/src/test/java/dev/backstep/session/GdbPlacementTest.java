package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Function breakpoints and steps into functions land where gdb puts {@code break FUNCTION}: in optimised code (-Og,
 * -O2) at the function's entry, once per call, also when the function is shrink-wrapped; at -O0 after the prologue.
 * Values print as gdb prints them, with opaque handles followed into the unit that defines them.
 */
class GdbPlacementTest {

    private static DebugSession open(String example) throws Exception {
        DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example(example)).withStopOnEntry(true),
                new Examples.Recorder());
        s.start();
        return s;
    }

    @Test
    void smoothWindowStopsOncePerCallAtItsEntry() throws Exception {
        try (DebugSession s = open("corrupt.elf")) {
            BreakpointStatus st = s.setFunctionBreakpoints(List.of(new FunctionBreakpoint("smooth_window", null, null)))
                    .get(0);
            assertEquals(0x80000572L, st.address(), "gdb: Breakpoint 1 at 0x80000572: file corrupt.c, line 50.");
            assertEquals(50, st.line());
            // smooth_window runs for samples 9, 19, 29 and 39: four stops, not three per call
            long calls = 0;
            for (Stop stop = s.resume(); stop.reason() == StopReason.FUNCTION_BREAKPOINT; stop = s.resume()) {
                assertEquals(0x80000572L, stop.pc() & 0xffffffffL);
                calls++;
            }
            assertEquals(4, calls);
        }
    }

    @Test
    void stepIntoAShrinkWrappedFunctionStopsInIt() throws Exception {
        try (DebugSession s = open("oracle/oracle-O2.elf")) {
            // describe(0) takes the early return before describe sets up its frame
            s.setLineBreakpoints("oracle.c", List.of(new SourceBreakpoint(141, null, null, null)));
            Stop at = s.resume();
            assertEquals(StopReason.BREAKPOINT, at.reason(), at.description());
            s.setLineBreakpoints("oracle.c", List.of());
            Stop in = s.stepIn(Granularity.LINE);
            StackFrame top = s.stackTrace(0, 1).get(0);
            assertEquals("describe", top.name(), in.description());
            assertEquals(s.setFunctionBreakpoints(List.of(new FunctionBreakpoint("describe", null, null))).get(0)
                    .address(), top.pc(), "a step into stops where a breakpoint on the function does");
            assertEquals("t=0x0", s.frameArguments(top.id()));
        }
    }

    @Test
    void atO0TheBreakpointIsAfterThePrologue() throws Exception {
        try (DebugSession s = open("oracle/oracle-O0.elf")) {
            BreakpointStatus st = s.setFunctionBreakpoints(List.of(new FunctionBreakpoint("describe", null, null)))
                    .get(0);
            assertEquals(63, st.line(), "the first line of the body: gdb says line 63 too");
            Stop stop = s.resume();
            assertEquals(st.address(), stop.pc() & 0xffffffffL);
            assertEquals("t=0x80001af0 <tasks>", s.frameArguments(s.stackTrace(0, 1).get(0).id()));
        }
    }

    @Test
    void handlesQualifiedPointersAndFunctionPointersPrintAsGdbPrintsThem() throws Exception {
        try (DebugSession s = open("oracle/oracle-O0.elf")) {
            s.setLineBreakpoints("oracle.c", List.of(new SourceBreakpoint(143, null, null, null)));
            s.resume();
            // queue_t is a pointer to a struct only queue.c defines (the answers are gdb's, word for word)
            assertEquals("{name = 0x80001884 <banner> \"oracle\", waiting = 3, head = 0, items = {3, 2, 1, 0}, "
                    + "on_full = 0x80000fa4 <report_full>}", s.print("*work_queue", 0, false));
            assertEquals("3", s.print("work_queue->waiting", 0, false));
            assertEquals("(queue_t) 0x80001b4c <queues>", s.print("work_queue", 0, false));
            assertEquals("0x8000187c \"Blink1\"", s.print("greeting", 0, false));
            assertEquals("(struct task * volatile) 0x80001b20 <tasks+48>", s.print("current_task", 0, false));
            assertEquals("{void (int)} 0x80000a84 <on_tick>", s.print("on_tick", 0, false));
            assertEquals("{0x80000a84 <on_tick>, 0x0}", s.print("hooks", 0, false));
            assertEquals("\"\\001\\002\\377\"", s.print("raw", 0, false));
            assertEquals("\"oracle\\000\\000\\000\\000\\000\\000\\000\\000\\000\"", s.print("banner", 0, false));
            // the DAP summary says the same for scalars and pointers
            assertEquals("0x8000187c \"Blink1\"", s.evaluate("greeting", 0, false).value());
        }
    }
}
