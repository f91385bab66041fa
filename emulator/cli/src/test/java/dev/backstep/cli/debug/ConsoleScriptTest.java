package dev.backstep.cli.debug;

import dev.backstep.session.DebugSession;
import dev.backstep.session.LaunchSpec;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Drives the console debugger with a script on the corrupt demo: who wrote config.alarm_limit? */
class ConsoleScriptTest {

    private static Path example(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("emulator/examples"))) {
            p = p.getParent();
        }
        assumeTrue(p != null, "emulator/examples not found");
        Path f = p.resolve("emulator/examples/" + name);
        assumeTrue(Files.isRegularFile(f), f + " is missing");
        return f;
    }

    /** Runs the console on corrupt.elf with these command lines; returns everything it printed. */
    private static String runOnCorrupt(String... lines) throws Exception {
        return run(example("corrupt.elf"), String.join("\n", lines) + "\n");
    }

    /** Asserts that the console output holds every one of the parts. */
    private static void assertHas(String out, String... parts) {
        for (String part : parts) {
            assertTrue(out.contains(part), () -> "no '" + part + "' in:\n" + out);
        }
    }

    private static String run(Path elf, String script) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (DebugSession s = DebugSession.open(LaunchSpec.record(elf).withStopOnEntry(true), new ConsoleOutput(out))) {
            int rc = new Console(s, new BufferedReader(new StringReader(script)), out, true, false).run();
            assertEquals(0, rc);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reverseContinueOnAWatchpointNamesTheGuiltyLine() throws Exception {
        String out = runOnCorrupt(
                "continue",
                "print config.alarm_limit",
                "watch config.alarm_limit",
                "reverse-continue",
                "backtrace",
                "print/x config.alarm_limit",
                "quit");
        assertHas(out,
                "(backstep) continue",
                "check failed: alarm limit of tank-3 is 5, expected 75",
                "The program exited with code 1",
                "config.alarm_limit = 5",
                "Watchpoint 1: config.alarm_limit (4 bytes at 0x",
                "smooth_window () at corrupt.c:51",
                "51\t        p[1] = (p[0] + p[1]) / 2;");
        assertTrue(out.contains("#1  0x") && out.contains("in main () at corrupt.c:"), out);
    }

    @Test
    void upAndDownSelectTheFramePrintAndInfoLocalsLookAt() throws Exception {
        String out = runOnCorrupt(
                "break smooth_window",
                "continue",
                "up",
                "print n",
                "info locals",
                "down",
                "up 5",
                "frame 1",
                "next",
                "print p - window",
                "quit");
        assertHas(out,
                "smooth_window () at corrupt.c:50",
                "(backstep) up\n#1  0x",
                "in main () at corrupt.c:60\n60\t            smooth_window();",
                "(backstep) print n\nn = 9",
                "(backstep) info locals\nn = 9",
                "(backstep) down\n#0  smooth_window () at corrupt.c:50",
                "error: initial frame selected; you cannot go up",
                // a stop selects the innermost frame again: p is smooth_window's
                "(backstep) print p - window\np - window = 0");
    }

    @Test
    void examineMemoryLikeGdb() throws Exception {
        String out = runOnCorrupt(
                "break smooth_window",
                "continue",
                "x/4dw &config",
                "x/s config.site",
                "x/2i $pc",
                "x/8xb window",
                "x",
                "x/2c config.site",
                "x/3z &config",
                "quit");
        assertHas(out,
                "(backstep) x/4dw &config\n0x8",
                ":\t75\t5\t1802396020\t13101",
                "\"tank-3\"",
                "(backstep) x/2i $pc\n   0x80000572 <smooth_window>:\tauipc ",
                "(backstep) x/8xb window\n0x8",
                "(backstep) x\n0x80000f84:\t0x",
                "116 't'\t97 'a'",
                "error: x/3z: expected x/NFU");
    }

    @Test
    void bookmarksAndSeekToTheEdgesOfHistory() throws Exception {
        String out = runOnCorrupt(
                "break smooth_window",
                "continue",
                "bookmark first_smooth",
                "delete",
                "continue",
                "bookmark",
                "seek first_smooth",
                "seek end",
                "seek start",
                "seek nowhere",
                "bookmark end",
                "quit");
        assertHas(out,
                "bookmark first_smooth at icount 3391",
                "first_smooth     icount 3391",
                "(backstep) seek first_smooth\nMoved to icount 3391",
                "smooth_window () at corrupt.c:50, icount 3391",
                "(backstep) seek end\nMoved to icount 15716",
                "(backstep) seek start\nMoved to icount 0",
                "error: seek nowhere: not an icount, start, end or a bookmark (bookmarks: first_smooth)",
                "error: bookmark end: a name starts with a letter (not start or end)");
    }

    @Test
    void advanceAndReverseAdvanceRunToALineEitherWay() throws Exception {
        String out = runOnCorrupt(
                "advance corrupt.c:60",
                "print n",
                "advance 60",
                "reverse-advance 58",
                "print n",
                "ra corrupt.c:26",
                "advance x",
                "quit");
        assertHas(out,
                "Paused on run to corrupt.c:60 at icount 3390, in main at corrupt.c:60",
                "(backstep) print n\nn = 9",
                "(backstep) reverse-advance 58\nPaused on reverse run to corrupt.c:58 at icount",
                "n = 19",
                "configure () at corrupt.c:26",
                "error: advance [FILE:]LINE, e.g. corrupt.c:58 or 58");
    }

    @Test
    void lastFindsTheLastWriteWithOtherBreakpointsSetAside() throws Exception {
        String out = runOnCorrupt(
                "continue",
                "break shift_window",
                "last config.alarm_limit",
                "last config.alarm_limit",
                "info breakpoints",
                "quit");
        assertHas(out,
                "smooth_window () at corrupt.c:51, icount 12942",
                "(backstep) info breakpoints");
        int second = out.indexOf("(backstep) last config.alarm_limit", out.indexOf("icount 12942"));
        assertTrue(second > 0 && out.substring(second).contains("smooth_window () at corrupt.c:51, icount 9"), out);
        String info = out.substring(out.lastIndexOf("(backstep) info breakpoints"));
        assertTrue(info.contains("shift_window") && !info.contains("alarm_limit"),
                "the breakpoint is back, the temporary watchpoint gone:\n" + info);
    }

    @Test
    void tbreakIsDeletedOnceHitAndDisplayShowsAtEveryStop() throws Exception {
        String out = runOnCorrupt(
                "tbreak shift_window",
                "display newest",
                "continue",
                "info breakpoints",
                "next",
                "undisplay 1",
                "next",
                "quit");
        assertHas(out,
                "Temporary breakpoint 1 at 0x",
                "Temporary breakpoint 1, shift_window () at corrupt.c:",
                "(backstep) info breakpoints\nNo breakpoints or watchpoints.",
                "1: newest = ");
        String afterUndisplay = out.substring(out.indexOf("(backstep) undisplay 1"));
        assertTrue(!afterUndisplay.contains("1: newest"), afterUndisplay);
        assertTrue(out.substring(out.indexOf("(backstep) next"), out.indexOf("(backstep) undisplay")).contains("1: newest = "),
                out);
    }

    @Test
    void breakStepAndGoBack() throws Exception {
        String out = runOnCorrupt(
                "break configure",
                "c",
                "n",
                "n",
                "rn",
                "finish",
                "rf",
                "info breakpoints",
                "bogus",
                "p nosuchvar");
        assertHas(out,
                "Breakpoint 1 at 0x",
                "Breakpoint 1, configure () at corrupt.c:25",
                "configure () at corrupt.c:26",
                "configure () at corrupt.c:27",
                "main () at corrupt.c:",
                "unknown command 'bogus'",
                "error: no symbol \"nosuchvar\"");
    }

    @Test
    void breakpointNumbersAreTheConsolesOwnAndStableUntilDeleted() throws Exception {
        String out = runOnCorrupt(
                "break corrupt.c:60",
                "break configure",
                "break *0x8000058a",
                "delete 3",
                "c",
                "rwatch config.alarm_limit",
                "awatch config.hysteresis",
                "info breakpoints",
                "disable 1",
                "c",
                "enable 1",
                "delete 9",
                "rc",
                "rc",
                "info watchpoints",
                "delete",
                "info breakpoints");
        assertHas(out,
                "Breakpoint 1 at 0x",
                "Breakpoint 2 at 0x",
                "Breakpoint 3 at 0x8000058a",
                "Breakpoint 2, configure () at corrupt.c:25, icount ",
                "25\t{",
                "Read watchpoint 4: config.alarm_limit (4 bytes at 0x",
                "Access watchpoint 5: config.hysteresis (4 bytes at 0x");
        // the table: console numbers, kinds, places, hit counts; the deleted 3 is gone
        int table = out.indexOf("(backstep) info breakpoints");
        String listing = out.substring(table, out.indexOf("(backstep) disable 1"));
        assertTrue(listing.matches("(?s).*\\n1 +breakpoint +y +0x[0-9a-f]{8} +corrupt\\.c:60\\n.*"), listing);
        assertTrue(listing.matches("(?s).*\\n2 +breakpoint +y +0x[0-9a-f]{8} +configure at corrupt\\.c:25\\n"
                + "\\tbreakpoint already hit 1 time\\n.*"), listing);
        assertTrue(listing.matches("(?s).*\\n4 +read watchpoint +y +config\\.alarm_limit \\(4 bytes at 0x.*"), listing);
        assertTrue(listing.matches("(?s).*\\n5 +acc watchpoint +y +config\\.hysteresis \\(4 bytes at 0x.*"), listing);
        assertTrue(!listing.contains("\n3 "), listing);
        // with 1 disabled, the next stop is a watchpoint, told with its console number
        int cont = out.indexOf("(backstep) c", table);
        String stop = out.substring(cont, out.indexOf("(backstep) enable 1"));
        assertTrue(stop.matches("(?s).*\\nAccess watchpoint 5: config\\.hysteresis \\(4 bytes at 0x[0-9a-f]+\\): "
                + "write of 0x[0-9a-f]+ \\(4 bytes\\) by pc 0x[0-9a-f]+ \\(after the access\\)\\n"
                + "configure \\(\\) at corrupt\\.c:28, icount \\d+\\n.*"), stop);
        assertHas(out, "error: no breakpoint number 9");
        // going back: on the write (before it), then the breakpoint, still number 2
        String back = out.substring(out.indexOf("(backstep) rc"));
        assertTrue(back.matches("(?s)\\(backstep\\) rc\\nAccess watchpoint 5: config\\.hysteresis "
                + "\\(4 bytes at 0x[0-9a-f]+\\): write of 0x[0-9a-f]+ \\(4 bytes\\) by pc 0x[0-9a-f]+ "
                + "\\(reverse: before the access\\)\\nconfigure \\(\\) at corrupt\\.c:27, icount \\d+\\n.*"), back);
        assertTrue(back.contains("\nBreakpoint 2, configure () at corrupt.c:25, icount 78 (reverse)\n"), back);
        assertTrue(back.contains("\tbreakpoint already hit 2 times\n"), back);
        assertTrue(back.contains("\twatchpoint already hit 2 times\n"), back);
        assertTrue(out.endsWith("No breakpoints or watchpoints.\n"), out);
    }

    @Test
    void setVarAtTheLiveEndFixesTheCheckAndIsRefusedInThePast() throws Exception {
        String out = runOnCorrupt(
                "break corrupt.c:67",
                "c",
                "set var config.alarm_limit = 70 + 5",
                "set $a5 = 0x1234",
                "p/x $a5",
                "rsi",
                "set var config.alarm_limit = 1",
                "set $a0 = 1",
                "p config.alarm_limit",
                "si",
                "p config.alarm_limit",
                "set var config.alarm_limit == 3",
                "c");
        assertHas(out,
                "config.alarm_limit = 75",
                "$a5 = 4660");
        assertTrue(out.contains("$a5 = 0x1234") || out.contains("$a5 = 0x00001234"), out);
        assertHas(out,
                "cannot change the past",
                "error: cannot change config.alarm_limit at icount",
                "error: cannot change $a0 at icount",
                "error: set what?",
                "check passed",
                "The program exited with code 0");
        // in the past (one instruction before the change) the old value, on it again the new one
        int past = out.indexOf("(backstep) p config.alarm_limit");
        assertTrue(out.indexOf("config.alarm_limit = 5", past) > past, out);
        int again = out.indexOf("(backstep) si");
        assertTrue(out.indexOf("config.alarm_limit = 75", again) > again, out);
    }
}
