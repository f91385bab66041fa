package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole-recording queries on real ELFs: value history checked against forward runs with a data breakpoint (the
 * session's own, independent path), line history against the program's loop counts, with and without the execution
 * index, in pages, paused, and going to an entry.
 */
class HistoryQueryTest {

    /** What a forward run with a write data breakpoint sees at each stop: icount, function, line, value. */
    private static List<String> writesByDataBreakpoint(String expression) throws Exception {
        List<String> out = new ArrayList<>();
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")).withStopOnEntry(true),
                new Examples.Recorder())) {
            s.start();
            DataBreakpointInfo info = s.dataBreakpointInfoForExpression(expression, 0);
            s.setDataBreakpoints(List.of(DataBreakpoint.of(info.dataId(), DataAccess.WRITE)));
            for (int i = 0; i < 1000; i++) {
                Stop st = s.resume();
                if (st.reason() != StopReason.DATA_BREAKPOINT) {
                    assertEquals(StopReason.EXITED, st.reason(), st.description());
                    return out;
                }
                // the stop is just after the write; the writing instruction is the one before it
                Stop on = s.seek(st.icount() - 1);
                StackFrame top = s.stackTrace(0, 1).get(0);
                String where = top.name() + ":" + top.line();
                s.seek(st.icount());
                out.add(st.icount() + " " + where + " " + s.evaluate(expression, 0, false).value());
                assertEquals(st.icount() - 1, on.icount());
            }
        }
        throw new AssertionError("too many writes");
    }

    private static List<String> describe(List<HistoryEntry> entries) {
        List<String> out = new ArrayList<>();
        for (HistoryEntry e : entries) {
            out.add(e.icount() + " " + e.function() + ":" + e.line() + " " + e.value());
        }
        return out;
    }

    private static DebugSession recordedToTheEnd(int indexShift) throws Exception {
        DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf"))
                .withIndexWindowShift(indexShift), new Examples.Recorder());
        Stop end = s.start();
        assertEquals(StopReason.EXITED, end.reason(), end.description());
        return s;
    }

    @Test
    void valueHistoryOfAlarmLimitListsEveryWriteWithItsLineAndValues() throws Exception {
        List<String> expected = writesByDataBreakpoint("config.alarm_limit");
        try (DebugSession s = recordedToTheEnd(20)) {
            long here = s.info().icount();
            HistoryPage p = s.valueHistory(HistoryQuery.values("config.alarm_limit", 0), null);
            assertEquals(expected, describe(p.entries()));
            assertFalse(p.more());
            assertFalse(p.cancelled());
            assertEquals("int32_t", p.type());
            assertTrue(p.subject().startsWith("config.alarm_limit (4 bytes at 0x"), p.subject());
            // the story of the demo: configure() sets 75, smooth_window() overwrites it, last with 5
            HistoryEntry set = p.entries().stream().filter(e -> e.value().equals("75")).findFirst().orElseThrow();
            assertEquals("configure", set.function());
            assertEquals(26, set.line());
            assertTrue(set.path().endsWith("corrupt.c"), set.path());
            HistoryEntry last = p.entries().get(p.entries().size() - 1);
            assertEquals("smooth_window", last.function());
            assertEquals(51, last.line());
            assertEquals("5", last.value());
            assertEquals(Double.valueOf(5), last.number());
            // each entry's old value is the previous entry's new one, and the history starts from the initial value
            String prev = p.initial();
            for (HistoryEntry e : p.entries()) {
                assertEquals(prev, e.oldValue(), e.toString());
                assertEquals(e.icount() - 1, e.before());
                prev = e.value();
            }
            // the query does not move the user
            assertEquals(here, s.info().icount());
            assertEquals("5", s.evaluate("config.alarm_limit", 0, false).value());
        }
    }

    @Test
    void goingToAnEntryLandsAtItsIcountWithItsValueAndJustBeforeItWithTheOldOne() throws Exception {
        try (DebugSession s = recordedToTheEnd(20)) {
            HistoryPage p = s.valueHistory(HistoryQuery.values("config.alarm_limit", 0), null);
            for (HistoryEntry e : p.entries()) {
                Stop after = s.seek(e.icount());
                assertEquals(e.icount(), after.icount());
                assertEquals(e.value(), s.evaluate("config.alarm_limit", 0, false).value());
                Stop before = s.seek(e.before());
                assertEquals(e.before(), before.icount());
                assertEquals(e.pc(), before.pc() & 0xffffffffL);
                assertEquals(e.oldValue(), s.evaluate("config.alarm_limit", 0, false).value());
                assertEquals(e.line(), s.stackTrace(0, 1).get(0).line());
            }
        }
    }

    @Test
    void theSameAnswerWithoutTheIndexAndWithFineWindowsWhichSkipHistory() throws Exception {
        List<String> withIndex;
        try (DebugSession s = recordedToTheEnd(20)) {
            withIndex = describe(s.valueHistory(HistoryQuery.values("config.alarm_limit", 0), null).entries());
        }
        try (DebugSession s = recordedToTheEnd(0)) {
            HistoryPage p = s.valueHistory(HistoryQuery.values("config.alarm_limit", 0), null);
            assertEquals(withIndex, describe(p.entries()));
            assertEquals(0, p.skipped());
        }
        try (DebugSession s = recordedToTheEnd(12)) {
            HistoryPage p = s.valueHistory(HistoryQuery.values("config.alarm_limit", 0), null);
            assertEquals(withIndex, describe(p.entries()));
            HistoryPage h = s.lineHistory(HistoryQuery.hits("corrupt.c", 35, null).limit(1000), null);
            assertEquals(280, h.entries().size());
            // config.site is written at the start only: the windows of 4096 instructions after are not replayed (its
            // first bytes lie too close to alarm_limit, which a wide store could reach: the index over-approximates)
            HistoryPage once = s.valueHistory(HistoryQuery.values("config.site[4]", 0), null);
            assertEquals("45 '-'", once.entries().get(once.entries().size() - 1).value());
            assertTrue(once.skipped() > 2 * 4096, once.toString());
            HistoryPage calls = s.lineHistory(HistoryQuery.functionHits("configure", null), null);
            assertEquals(1, calls.entries().size());
            assertTrue(calls.skipped() > 2 * 4096, calls.toString());
        }
    }

    @Test
    void pagesJoinUpToTheWholeHistoryAndRangesCutIt() throws Exception {
        try (DebugSession s = recordedToTheEnd(20)) {
            List<HistoryEntry> all = s.valueHistory(HistoryQuery.values("config.alarm_limit", 0), null).entries();
            assertTrue(all.size() >= 3, all.toString());
            List<HistoryEntry> paged = new ArrayList<>();
            long from = 0;
            int pages = 0;
            while (from >= 0) {
                HistoryPage p = s.valueHistory(HistoryQuery.values("config.alarm_limit", 0).range(from, -1).limit(2), null);
                assertTrue(p.entries().size() <= 2);
                paged.addAll(p.entries());
                from = p.next();
                assertTrue(++pages < 100);
            }
            assertEquals(all, paged);
            long cut = all.get(1).icount();
            // a write belongs to the range its writing instruction is in
            HistoryPage tail = s.valueHistory(HistoryQuery.values("config.alarm_limit", 0).range(cut, -1), null);
            assertEquals(all.subList(2, all.size()), tail.entries());
            assertEquals(all.get(1).value(), tail.initial());
            HistoryPage head = s.valueHistory(HistoryQuery.values("config.alarm_limit", 0).range(0, cut), null);
            assertEquals(all.subList(0, 2), head.entries());
            head = s.valueHistory(HistoryQuery.values("config.alarm_limit", 0).range(0, cut - 1), null);
            assertEquals(all.subList(0, 1), head.entries());
        }
    }

    @Test
    void lineHistoryCountsEveryExecutionOfALoopLineWithAnExpressionAtEachHit() throws Exception {
        try (DebugSession s = recordedToTheEnd(20)) {
            // shift_window's copy loop: 7 iterations for each of the 40 samples
            HistoryPage p = s.lineHistory(HistoryQuery.hits("corrupt.c", 35, "i").limit(1000), null);
            assertEquals(280, p.entries().size());
            assertEquals("int", p.type());
            for (int k = 0; k < p.entries().size(); k++) {
                HistoryEntry e = p.entries().get(k);
                assertEquals(String.valueOf(k % 7), e.value(), "hit " + k);
                assertEquals(35, e.line());
                assertEquals("shift_window", e.function());
                assertEquals(Double.valueOf(k % 7), e.number());
            }
            // at each hit, the state is the line's about to run: a seek there shows the same value
            HistoryEntry tenth = p.entries().get(9);
            s.seek(tenth.icount());
            assertEquals(tenth.value(), s.evaluate("i", 0, false).value());
            assertEquals(35, s.stackTrace(0, 1).get(0).line());

            HistoryPage calls = s.lineHistory(HistoryQuery.functionHits("smooth_window", null), null);
            assertEquals(4, calls.entries().size());
            assertEquals("smooth_window()", calls.subject());
        }
    }

    @Test
    void aPauseEndsTheQueryWithTheEntriesFoundAndWhereToGoOn() throws Exception {
        try (DebugSession s = recordedToTheEnd(20)) {
            long here = s.info().icount();
            HistoryPage p = s.lineHistory(HistoryQuery.hits("corrupt.c", 35, null).limit(1000), e -> s.pause());
            assertTrue(p.cancelled(), p.toString());
            assertTrue(p.more(), p.toString());
            assertFalse(p.entries().isEmpty());
            assertTrue(p.entries().size() < 280, p.toString());
            assertEquals(here, s.info().icount());
            HistoryPage rest = s.lineHistory(HistoryQuery.hits("corrupt.c", 35, null).range(p.next(), -1).limit(1000), null);
            assertFalse(rest.cancelled());
            assertEquals(280, p.entries().size() + rest.entries().size());
        }
    }

    @Test
    void badQueriesAreRefusedWithAReason() throws Exception {
        try (DebugSession s = recordedToTheEnd(20)) {
            SessionException e = assertThrows(SessionException.class,
                    () -> s.valueHistory(HistoryQuery.values("no_such_variable", 0), null));
            assertTrue(e.getMessage().contains("no_such_variable"), e.getMessage());
            e = assertThrows(SessionException.class, () -> s.valueHistory(HistoryQuery.values("1 + 2", 0), null));
            assertTrue(e.getMessage().contains("not in memory"), e.getMessage());
            e = assertThrows(SessionException.class, () -> s.lineHistory(HistoryQuery.hits("corrupt.c", 0, null), null));
            assertNotNull(e.getMessage());
            e = assertThrows(SessionException.class, () -> s.lineHistory(HistoryQuery.functionHits("nope", null), null));
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
            e = assertThrows(SessionException.class, () -> s.valueHistory(HistoryQuery.valuesOfData("garbage"), null));
            assertTrue(e.getMessage().contains("garbage"), e.getMessage());
            // a data id works like its expression
            DataBreakpointInfo info = s.dataBreakpointInfoForExpression("config.alarm_limit", 0);
            assertEquals(describe(s.valueHistory(HistoryQuery.values("config.alarm_limit", 0), null).entries()),
                    describe(s.valueHistory(HistoryQuery.valuesOfData(info.dataId()), null).entries()));
        }
    }
}
