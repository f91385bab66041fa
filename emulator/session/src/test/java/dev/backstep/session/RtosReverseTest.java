package dev.backstep.session;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The long reverse operations of an RTOS application (examples/rtos.c): main blocks in receive() while only the idle
 * loop and the tick interrupt run, until the worker the tick handler starts posts a message. From the line after the
 * blocking call in round 2, going back across the wait — reverse next, reverse continue to a breakpoint last hit in
 * round 1, a data breakpoint on the variable only the worker writes — must stop where a session without the
 * execution index stops, on the right lines, and replay only a few windows of the wait. rtos-short.elf has the
 * structure of the benchmark's program with a tick every 10^4 instructions and the worker every 10^6 (windows of
 * 2^14 instructions here, so that there are many); rtos-wfi.elf sleeps in wfi between ticks (2^11).
 */
class RtosReverseTest {

    private static int lineOf(Path source, String text) throws Exception {
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + source);
    }

    private static int line(DebugSession s) throws SessionException {
        return s.stackTrace(0, 1).get(0).line();
    }

    private static String fn(DebugSession s) throws SessionException {
        return s.stackTrace(0, 1).get(0).name();
    }

    /** Where a step ended, as the user sees it. */
    private record At(StopReason reason, long icount, int pc, String function, int line) {
        static At of(DebugSession s, Stop st) throws SessionException {
            return new At(st.reason(), st.icount(), st.pc(), fn(s), RtosReverseTest.line(s));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rtos-short.elf, 14", "rtos-wfi.elf, 11"})
    void longReverseOperationsStopWhereTheyStopWithoutTheIndex(String program, int windowShift) throws Exception {
        Path elf = Examples.example(program);
        Path src = Examples.root().resolve("emulator/examples/rtos.c");
        int callLine = lineOf(src, "uint32_t got = receive(&box);");
        int afterLine = callLine + 1;
        int printLine = callLine + 2;
        int workerLine = lineOf(src, "worker_result = worker_result * 31u");
        List<At> with = scenario(LaunchSpec.record(elf).withIndexWindowShift(windowShift), src, afterLine, printLine,
                true);
        List<At> without = scenario(LaunchSpec.record(elf).withIndexWindowShift(0), src, afterLine, printLine, false);
        assertEquals(without, with, "the same stops with and without the execution index");

        // and the right ones
        At round2 = with.get(0);
        assertEquals(afterLine, round2.line());
        At reverseNext = with.get(1);
        assertEquals("main", reverseNext.function());
        assertEquals(callLine, reverseNext.line(), "reverse next across the blocking call: the call's line");
        At forwardAgain = with.get(2);
        assertEquals(round2.icount(), forwardAgain.icount(), "next from there comes back to where we were");
        At shortStep = with.get(3);
        assertEquals(round2.icount(), shortStep.icount(), "reverse next a few instructions into the line: its start");
        assertEquals(afterLine, shortStep.line());
        At breakpoint = with.get(4);
        assertEquals(StopReason.BREAKPOINT, breakpoint.reason());
        assertEquals(printLine, breakpoint.line(), "the breakpoint last hit, in round 1");
        assertTrue(breakpoint.icount() < reverseNext.icount(), "before round 2's wait");
        At write2 = with.get(5);
        At write1 = with.get(6);
        for (At w : List.of(write2, write1)) {
            assertEquals(StopReason.DATA_BREAKPOINT, w.reason());
            assertEquals("worker", w.function());
            assertEquals(workerLine, w.line());
        }
        assertTrue(write1.icount() < breakpoint.icount() && breakpoint.icount() < write2.icount(),
                "round 1's write, then round 1's print, then round 2's write: " + with);
        assertEquals(write1.icount() + 1, with.get(7).icount(), "forward: on round 1's write, after it");
        assertEquals(write2.icount() + 1, with.get(8).icount(), "forward again: after round 2's write");
    }

    /** The same user steps on a fresh session; every stop where it ended. */
    private static List<At> scenario(LaunchSpec spec, Path src, int afterLine, int printLine, boolean indexed)
            throws Exception {
        int shift = Math.max(spec.indexWindowShift(), 10);
        List<At> out = new ArrayList<>();
        try (DebugSession s = DebugSession.open(spec, new Examples.Recorder())) {
            String path = src.toString();
            s.setLineBreakpoints(path, List.of(SourceBreakpoint.at(afterLine)));
            Stop st = s.start();
            assertEquals(StopReason.BREAKPOINT, st.reason(), st.description());
            st = s.resume();
            assertEquals(StopReason.BREAKPOINT, st.reason(), st.description());
            s.setLineBreakpoints(path, List.of());
            At round2 = At.of(s, st);
            out.add(round2);
            // 1. reverse next across the blocking call, and forward again
            long executed = s.instructionsExecuted();
            int snaps = s.snapshotIcounts().size();
            out.add(At.of(s, s.stepBack(Granularity.LINE)));
            long wait = round2.icount() - out.get(1).icount();
            skipped(indexed, s, executed, snaps, wait, shift, "reverse next across the wait");
            out.add(At.of(s, s.next(Granularity.LINE)));
            // 2. the short step: a few instructions into the line after the call, then reverse next
            for (int i = 0; i < 3; i++) {
                s.next(Granularity.INSTRUCTION);
            }
            int snapshotsBefore = s.snapshotIcounts().size();
            long executedBefore = s.instructionsExecuted();
            out.add(At.of(s, s.stepBack(Granularity.LINE)));
            long replayed = s.instructionsExecuted() - executedBefore;
            // it looks for an earlier piece of the line only where there can be one: not back across the wait
            assertTrue(replayed < wait / 4, "a reverse step of 3 instructions replayed " + replayed
                    + " instructions, the wait is " + wait);
            assertTrue(s.snapshotIcounts().size() <= snapshotsBefore + 2, "a short reverse step adds a snapshot or "
                    + "two, not " + (s.snapshotIcounts().size() - snapshotsBefore));
            // 3. reverse continue to a breakpoint last hit in round 1
            s.setLineBreakpoints(path, List.of(SourceBreakpoint.at(printLine)));
            executed = s.instructionsExecuted();
            snaps = s.snapshotIcounts().size();
            out.add(At.of(s, s.reverseContinue()));
            skipped(indexed, s, executed, snaps, wait, shift, "reverse continue to the breakpoint of round 1");
            s.setLineBreakpoints(path, List.of());
            // 4. a data breakpoint on what only the worker writes: round 2's write, then round 1's
            s.seek(round2.icount());
            String dataId = s.dataBreakpointInfoForExpression("worker_result", 0).dataId();
            s.setDataBreakpoints(List.of(new DataBreakpoint(dataId, DataAccess.WRITE, null, null)));
            out.add(At.of(s, s.reverseContinue()));
            executed = s.instructionsExecuted();
            snaps = s.snapshotIcounts().size();
            out.add(At.of(s, s.reverseContinue()));
            skipped(indexed, s, executed, snaps, wait, shift, "reverse continue to round 1's write");
            // 5. forward from round 1's write (stopped on it) past it, then to the next one (history already run:
            // the windows between are skipped through snapshots)
            out.add(At.of(s, s.resume()));
            executed = s.instructionsExecuted();
            snaps = s.snapshotIcounts().size();
            out.add(At.of(s, s.resume()));
            skipped(indexed, s, executed, snaps, wait, shift, "continue forward to round 2's write");
        }
        return out;
    }

    /**
     * With the index, an operation across the wait replays a few windows of it, not the wait, and adds no more
     * snapshots than the windows it replayed (one for its stop).
     */
    private static void skipped(boolean indexed, DebugSession s, long executedBefore, int snapshotsBefore, long wait,
                                int windowShift, String what) {
        long replayed = s.instructionsExecuted() - executedBefore;
        if (indexed) {
            assertTrue(replayed < wait / 4, what + " replayed " + replayed + " instructions, the wait is " + wait);
            long windows = (replayed >> windowShift) + 1;
            int added = s.snapshotIcounts().size() - snapshotsBefore;
            assertTrue(added <= windows + 1, what + " added " + added + " snapshots, replayed " + windows + " windows");
        }
    }
}
