package dev.backstep.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changing state live at the end of a record session: the change is recorded at its icount, holds after it on
 * every re-execution, not before it, and replays from the saved file. corrupt.c fails its check because
 * config.alarm_limit was overwritten with 5; setting it back to 75 before the check makes it pass.
 */
class StateEditTest {
    static final int ALARMS_PRINTF = 66;

    static String limit(DebugSession s) throws SessionException {
        return s.evaluate("config.alarm_limit", 0, false).value();
    }

    static int configRef(DebugSession s) throws SessionException {
        int globals = s.scopes(s.stackTrace(0, 1).get(0).id()).stream()
                .filter(sc -> sc.kind() == ScopeInfo.Kind.GLOBALS).findFirst().orElseThrow().variablesReference();
        return s.variables(globals, false).stream().filter(v -> v.name().equals("config")).findFirst().orElseThrow()
                .variablesReference();
    }

    @Test
    void editAtTheEndHoldsAfterItsIcountOnlyAndReplays(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("edited.bsr");
        Examples.Recorder out = new Examples.Recorder();
        long edit;
        long exitAt;
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")).withRecording(rec)
                .withStopOnEntry(true), out)) {
            s.start();
            assertFalse(s.canChangeState() && s.info().icount() < s.info().recordedLength());
            s.setLineBreakpoints("corrupt.c", List.of(SourceBreakpoint.at(ALARMS_PRINTF)));
            Stop at = s.resume();
            assertEquals(StopReason.BREAKPOINT, at.reason(), at.description());
            s.setLineBreakpoints("corrupt.c", List.of());
            assertEquals("5", limit(s));
            assertTrue(s.canChangeState());
            edit = at.icount();

            VariableInfo changed = s.setVariable(configRef(s), "alarm_limit", "70 + 5");
            assertEquals("75", changed.value());
            assertEquals("75", limit(s));
            // the other ways to change state: an expression, a register, raw memory
            assertEquals("5", s.setExpression("config.hysteresis", "4 + 1", 0).value());
            long site = Long.parseLong(s.evaluate("(unsigned)&config.site", 0, false).value());
            assertEquals(3, s.writeMemory(site, "TNK".getBytes()));
            assertEquals("\"TNK", s.evaluate("config.site", 0, false).value().substring(0, 4));
            assertEquals(3, s.writeMemory(site, "tan".getBytes()));
            s.setExpression("$t6", "0x1234", 0);
            assertEquals(String.valueOf(0x1234), s.evaluate("$t6", 0, false).value());
            SessionException outside = assertThrows(SessionException.class, () -> s.writeMemory(0x1000, new byte[] {1}));
            assertTrue(outside.getMessage().contains("only RAM"), outside.getMessage());
            assertThrows(SessionException.class, () -> s.setExpression("config.alarm_limit + 1", "3", 0));
            assertThrows(SessionException.class, () -> s.setExpression("$zero", "3", 0));

            Stop end = s.resume();
            assertEquals(StopReason.EXITED, end.reason(), end.description());
            assertEquals(0, end.exitCode(), out.stdout.toString());
            assertTrue(out.stdout.toString().endsWith("check passed\n"), out.stdout.toString());
            exitAt = end.icount();
            SessionException ended = assertThrows(SessionException.class, () -> s.setExpression("config.alarm_limit", "1", 0));
            assertTrue(ended.getMessage().contains("ended"), ended.getMessage());

            // back across the edit: the old value before its icount, the new one from it on
            s.seek(edit + 1);
            assertEquals("75", limit(s));
            Stop b = s.stepBack(Granularity.INSTRUCTION);
            assertEquals(edit, b.icount());
            assertEquals("75", limit(s));
            assertEquals(String.valueOf(0x1234), s.evaluate("$t6", 0, false).value());
            s.stepBack(Granularity.INSTRUCTION);
            assertEquals("5", limit(s));
            assertTrue(!String.valueOf(0x1234).equals(s.evaluate("$t6", 0, false).value()));
            SessionException past = assertThrows(SessionException.class, () -> s.setVariable(configRef(s), "alarm_limit", "1"));
            assertTrue(past.getMessage().contains("cannot change the past"), past.getMessage());
            // a reverse scan from the end passes through the edit: a watchpoint finds the program's own write
            s.seek(exitAt);
            DataBreakpointInfo info = s.dataBreakpointInfoForExpression("config.alarm_limit", 0);
            s.setDataBreakpoints(List.of(DataBreakpoint.of(info.dataId(), DataAccess.WRITE)));
            Stop w = s.reverseContinue();
            assertEquals(StopReason.DATA_BREAKPOINT, w.reason(), w.description());
            assertTrue(w.icount() < edit);
            s.setDataBreakpoints(List.of());
            // forward again through the edit
            Stop again = s.resume();
            assertEquals(StopReason.EXITED, again.reason());
            assertEquals(0, again.exitCode());
            assertEquals("75", limit(s));
        }
        // the saved recording replays with the edit, with or without the ELF beside it
        for (Path elf : new Path[] {null, Examples.example("corrupt.elf")}) {
            Examples.Recorder rout = new Examples.Recorder();
            try (DebugSession r = DebugSession.open(LaunchSpec.replay(rec, elf), rout)) {
                Stop end = r.start();
                assertEquals(StopReason.EXITED, end.reason(), end.description());
                assertEquals(0, end.exitCode());
                assertEquals(exitAt, end.icount());
                assertEquals(out.stdout.toString(), rout.stdout.toString());
                assertEquals("75", limit(r));
                r.seek(edit - 1);
                assertEquals("5", limit(r));
                assertFalse(r.canChangeState());
                SessionException replay = assertThrows(SessionException.class,
                        () -> r.setExpression("config.alarm_limit", "1", 0));
                assertTrue(replay.getMessage().contains("replay"), replay.getMessage());
                assertTrue(r.info().problem() == null, r.info().problem());
            }
        }
    }

    @Test
    void registerEditsChangeTheRun() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")), new Examples.Recorder())) {
            s.setLineBreakpoints("corrupt.c", List.of(SourceBreakpoint.at(67)));   // if (config.alarm_limit != 75)
            Stop at = s.resume();
            s.setLineBreakpoints("corrupt.c", List.of());
            // return-value register: make main return 7 instead of 1 at its last instruction
            s.setFunctionBreakpoints(List.of());
            s.setInstructionBreakpoints(List.of(new InstructionBreakpoint(
                    Long.parseLong(s.evaluate("(unsigned)&exit", 0, false).value()), null, null)));
            Stop ex = s.resume();
            assertEquals(StopReason.INSTRUCTION_BREAKPOINT, ex.reason(), ex.description());
            s.setInstructionBreakpoints(List.of());
            assertEquals("1", s.evaluate("$a0", 0, false).value());
            int regs = s.scopes(1).stream().filter(sc -> sc.kind() == ScopeInfo.Kind.REGISTERS).findFirst().orElseThrow()
                    .variablesReference();
            VariableInfo a0 = s.setVariable(regs, "a0", "7");
            assertEquals(7, Long.decode(a0.value()));
            Stop end = s.resume();
            assertEquals(StopReason.EXITED, end.reason(), end.description());
            assertEquals(7, end.exitCode());
            // and back: before the edit the program still meant to exit 1
            s.seek(ex.icount() - 1);
            s.stepIn(Granularity.INSTRUCTION);
            assertEquals("7", s.evaluate("$a0", 0, false).value());
            assertTrue(at.icount() < ex.icount());
        }
    }

    @Test
    void memoryBlocksReadBack() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")), new Examples.Recorder())) {
            s.start();
            long cfg = Long.parseLong(s.evaluate("(unsigned)&config", 0, false).value());
            MemoryBlock m = s.readMemory(cfg, 16);
            assertEquals(cfg, m.address());
            assertEquals(16, m.bytes().length);
            assertEquals(5, m.bytes()[0]);
            assertArrayEquals("tank-3\0".getBytes(), java.util.Arrays.copyOfRange(m.bytes(), 8, 15));
            assertEquals(0, m.unreadable());
            MemoryBlock none = s.readMemory(0x2000_0000L, 8);
            assertEquals(0, none.bytes().length);
            assertEquals(8, none.unreadable());
            assertThrows(SessionException.class, () -> s.readMemory(cfg, -1));
        }
    }
}
