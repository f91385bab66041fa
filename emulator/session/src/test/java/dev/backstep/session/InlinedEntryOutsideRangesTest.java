package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * echo.elf (-O2): GCC gives the copy of rx_interrupt_enable inlined into main an entry_pc (main's first instruction,
 * 0x8000077a) outside its own ranges (from 0x80000796), and no is_stmt row where its code begins. From main:123, right
 * after the copy, a step back goes back over the inlined call to where its code begins, shown as the call site, main
 * at echo.c:122, icount 376: where gdb-multiarch's own reverse-next over {@code backstep gdbserver} stops. (It used to
 * land at icount 362 on main's first instruction, shown as line 55, and the next step back left main.)
 */
class InlinedEntryOutsideRangesTest {

    @Test
    void stepBackOverTheInlinedCallStopsAtItsCallSiteAsGdbDoes() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("echo.elf")).withStopOnEntry(true),
                new Examples.Recorder())) {
            s.start();
            s.setLineBreakpoints("echo.c", List.of(SourceBreakpoint.at(60)));
            Stop at60 = s.resume();
            assertEquals(389, at60.icount(), at60.description());
            s.setLineBreakpoints("echo.c", List.of());
            Stop next = s.next(Granularity.LINE);
            assertEquals(390, next.icount(), next.description());
            assertEquals("main:123", where(s));
            Stop back = s.stepBack(Granularity.LINE);
            assertEquals(376, back.icount(), back.description());
            assertEquals("main:122", where(s), back.description());
            assertEquals(2, s.stackTrace(0, 0).size(), "main, then _start: the step back stays in main");
            Stop again = s.next(Granularity.LINE);
            assertEquals(390, again.icount(), "next retraces the step back: " + again.description());
            assertEquals("main:123", where(s));
        }
    }

    private static String where(DebugSession s) throws SessionException {
        StackFrame f = s.stackTrace(0, 1).get(0);
        return f.name() + ":" + f.line();
    }
}
