package dev.backstep.gdbserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Debian's gdb-multiarch, in batch mode, against the server on the example ELFs. */
@Timeout(180)
class GdbEndToEndTest {
    private static final Pattern PC_VALUE = Pattern.compile("^\\$\\d+ = 0x([0-9a-f]+)$", Pattern.MULTILINE);

    @BeforeAll
    static void needsGdb() {
        GdbHarness.assumeGdb();
    }

    private static List<Long> printedValues(String out) {
        List<Long> l = new ArrayList<>();
        Matcher m = PC_VALUE.matcher(out);
        while (m.find()) {
            l.add(Long.parseLong(m.group(1), 16));
        }
        return l;
    }

    /**
     * gdb names a source as the debug info does; the example ELFs name theirs relative to their folder
     * ({@code -fdebug-prefix-map}), which gdb prints as {@code ./corrupt.c}: the same file as {@code corrupt.c}.
     */
    private static void contains(String out, String... parts) {
        String shown = out.replace(" at ./", " at ").replace("file ./", "file ");
        for (String p : parts) {
            assertTrue(shown.contains(p), "gdb output lacks '" + p + "':\n" + out);
        }
    }

    @Test
    void reverseStepiRetracesTheForwardPcsExactly() throws Exception {
        try (GdbHarness h = new GdbHarness("corrupt")) {
            List<String> cmds = new ArrayList<>(List.of("break smooth_window", "continue", "p/x $pc"));
            for (int i = 0; i < 25; i++) {
                cmds.add("stepi");
                cmds.add("p/x $pc");
            }
            for (int i = 0; i < 25; i++) {
                cmds.add("reverse-stepi");
                cmds.add("p/x $pc");
            }
            String out = h.gdb(cmds.toArray(String[]::new));
            List<Long> pcs = printedValues(out);
            assertEquals(51, pcs.size(), out);
            List<Long> forward = pcs.subList(0, 26);
            List<Long> backward = new ArrayList<>(pcs.subList(25, 51));
            Collections.reverse(backward);
            assertEquals(forward, backward, out);
            assertEquals(0x80000572L, forward.get(0));
        }
    }

    @Test
    void reverseContinueStopsAtTheLastOfSeveralBreakpoints() throws Exception {
        try (GdbHarness h = new GdbHarness("corrupt")) {
            // the last iteration (n = 39) calls shift_window, smooth_window, window_average (line 61, inside
            // the printf arguments), then window_average again (line 63)
            String out = h.gdb("break corrupt.c:66", "continue", "break shift_window", "break window_average",
                    "reverse-continue", "p/x $pc", "reverse-continue", "p/x $pc", "reverse-continue", "p/x $pc",
                    "continue", "p/x $pc", "monitor info replay");
            contains(out, "Breakpoint 1, main () at corrupt.c:66", "Breakpoint 3, window_average () at corrupt.c:42",
                    "Breakpoint 2, shift_window (newest=");
            assertEquals(List.of(0x80000546L, 0x80000546L, 0x8000051aL, 0x80000546L), printedValues(out), out);
        }
    }

    @Test
    void reverseNextReverseStepAndReverseFinish() throws Exception {
        try (GdbHarness h = new GdbHarness("corrupt")) {
            String out = h.gdb("break corrupt.c:61", "continue", "reverse-next", "p/x $pc", "next", "p/x $pc",
                    "reverse-step", "bt", "reverse-finish", "p/x $pc");
            contains(out, "Breakpoint 1, main () at corrupt.c:61", "60\t            smooth_window();",
                    // reverse-step enters smooth_window at its end
                    "#0  0x80000596 in smooth_window () at corrupt.c:52", "#1  0x800005ec in main () at corrupt.c:60",
                    "main () at corrupt.c:60");
            // reverse-next: start of line 60 (the call); next: line 61 again; reverse-finish: back on the call
            assertEquals(List.of(0x800005eaL, 0x800005ecL, 0x800005eaL), printedValues(out), out);
        }
    }

    @Test
    void watchAndReverseContinueFindTheLineThatWrote() throws Exception {
        try (GdbHarness h = new GdbHarness("corrupt")) {
            String out = h.gdb("break corrupt.c:68", "continue", "print config.alarm_limit",
                    "watch config.alarm_limit", "reverse-continue", "x/i $pc", "print config.alarm_limit", "bt");
            contains(out, "$1 = 5", "Hardware watchpoint 2: config.alarm_limit", "Old value = 5", "New value = 27",
                    "in smooth_window () at corrupt.c:51", "p[1] = (p[0] + p[1]) / 2;", "sw\ta4,4(a5)", "$2 = 27",
                    "#1  0x", "in main () at corrupt.c:60");
            assertFalse(out.contains("SIGTRAP"), out);
        }
    }

    @Test
    void monitorCommandsAndTheEndOfHistory() throws Exception {
        try (GdbHarness h = new GdbHarness("hello")) {
            String out = h.gdb("monitor info replay", "monitor replay_break 100", "continue", "monitor info replay",
                    "monitor replay_delete_break", "continue", "continue", "reverse-stepi", "monitor info replay",
                    "monitor replay_seek 40", "maintenance flush register-cache", "monitor info replay",
                    "reverse-continue", "p/x $pc");
            contains(out, "instruction count = 0", "replay breakpoint set at instruction count 100",
                    "instruction count = 100", "replay breakpoint deleted", "the program exited with code 0",
                    "No more reverse-execution history.", "at instruction count 40", "instruction count = 40",
                    "$1 = 0x1000");
            assertFalse(out.contains("exited normally"), out);
            assertFalse(out.contains("Remote connection closed"), out);
        }
    }

    @Test
    void aRefusedWriteSaysWhyInGdb() throws Exception {
        try (GdbHarness h = new GdbHarness("corrupt")) {
            String out = h.gdb("break corrupt.c:67", "continue", "reverse-stepi", "set var config.alarm_limit = 75",
                    "monitor why", "set $a0 = 1", "print config.alarm_limit");
            contains(out, "Cannot access memory at address 0x",
                    "the last write was refused: cannot change the state at icount",
                    "cannot change the past (history goes on to icount",
                    "here writes are refused",
                    // gdb prints the textual error of a register write itself
                    "Could not write register", "E.cannot change the state at icount", "$1 = 5");
        }
    }

    @Test
    void setVarAtTheLiveEndIsRecordedAndReplayed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path saved = tmp.resolve("fixed.bsr");
        try (GdbHarness h = new GdbHarness("corrupt")) {
            String out = h.gdb("break corrupt.c:67", "continue", "print config.alarm_limit",
                    "set var config.alarm_limit = 75", "print config.alarm_limit", "continue",
                    // back across the change: before it the old value, on it the new one
                    "reverse-continue", "print config.alarm_limit", "reverse-stepi", "print config.alarm_limit",
                    "continue", "print config.alarm_limit", "continue", "monitor info replay");
            contains(out, "$1 = 5", "$2 = 75", "$3 = 75", "$4 = 5", "$5 = 75", "the program exited with code 0");
            String uart = h.server.uart.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(uart.contains("check passed"), uart);
            assertFalse(uart.contains("check failed"), uart);
            assertEquals(1, uart.split("check passed", -1).length - 1, "output is not repeated by re-execution: " + uart);
            dev.backstep.replay.format.RecordingFile rec = h.server.timeline.recordingSoFar();
            assertEquals(1, rec.edits().size(), rec.edits().toString());
            dev.backstep.replay.format.RecordingExporter.export(rec,
                    new dev.backstep.replay.format.RecordingEnd(rec.validUpTo(), "DETACHED", 0), saved);
        }
        try (GdbHarness replay = new GdbHarness(Examples.elf("corrupt"), saved)) {
            String out = replay.gdb("continue", "print config.alarm_limit");
            contains(out, "the program exited with code 0", "$1 = 75");
            String uart = replay.server.uart.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(uart.contains("check passed"), uart);
            assertFalse(out.contains("diverge"), out);
        }
    }
}
