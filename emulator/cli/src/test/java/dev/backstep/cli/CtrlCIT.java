package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C typed at a real terminal: the console pauses a run in either direction and keeps its history; at the prompt
 * it says "Quit" and stays; {@code record} ends at once with its recording closed and told as cancelled; a benchmark
 * leaves no temporary folder behind.
 */
class CtrlCIT {
    /** How long a Ctrl-C may take to show before it is pressed again (a pause is told within milliseconds). */
    private static final Duration PRESS_AGAIN = Duration.ofSeconds(2);
    /** How long before a line is typed again: only a line the terminal discarded gets no answer at all. */
    private static final Duration RETYPE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @BeforeAll
    static void needsATerminal() {
        String why = Terminal.unavailable();
        assumeTrue(why == null, () -> "skipped: " + why);
    }

    @Test
    void theConsolePausesARunEitherWayAndCtrlCAtThePromptDoesNotEndIt() throws Exception {
        // the interpreter alone, so that the runs take long enough to meet the Ctrl-C (a Ctrl-C that comes before a
        // run has started ends it too: the console announces it to the session first)
        try (Terminal t = Terminal.start(dir, "debug", "--no-translate", CliRunner.example("bench.elf").toString())) {
            t.waitFor("(backstep) ");
            t.type(Terminal.CTRL_C);
            t.waitFor("Quit\n(backstep) ");
            // a breakpoint whose condition never holds, on a hot line: runs are long either way
            t.type("break bench.c:42 if 0\n");
            t.waitFor("Breakpoint 1 at 0x");
            t.waitFor("(backstep) ");

            t.typeUntil("continue\n", "Continuing.\n", RETYPE);
            t.waitFor("round 2:");
            String forward = t.typeUntil(Terminal.CTRL_C, "Interrupted (Ctrl-C).\n", PRESS_AGAIN);
            t.waitFor("Paused at icount ");

            // a second Ctrl-C may still be on its way: it would discard a line typed meanwhile, so lines are retyped
            String info = t.typeUntil("info\n", "snapshots: ", RETYPE);
            Matcher at = Pattern.compile("mode record, at icount (\\d+)").matcher(info);
            assertTrue(at.find(), info);
            assertTrue(Long.parseLong(at.group(1)) > 0, "the history is kept: " + info);

            // the whole run as history (about 4 * 10^8 instructions): a reverse run over it lasts long enough
            t.typeUntil("continue\n", "Continuing.\n", RETYPE);
            t.waitFor("The program exited with code 0");
            t.waitFor("(backstep) ");
            t.typeUntil("reverse-continue\n", "Continuing.\n", RETYPE);
            t.typeUntil(Terminal.CTRL_C, "Interrupted (Ctrl-C).\n", PRESS_AGAIN);
            t.waitFor("Paused going back at icount ");

            t.typeUntil("print 6 * 7\n", "= 42\n", RETYPE);
            t.type("quit\n");
            assertEquals(ExitStatus.OK, t.exitStatus(), t.screen());
            assertFalse(forward.contains("Exception"), forward);
        }
    }

    @Test
    void recordEndsAtOnceWithTheRecordingClosedAndToldAsCancelled() throws Exception {
        Path rec = dir.resolve("bench.bsr");
        try (Terminal t = Terminal.start(dir, "record", CliRunner.example("bench.elf").toString(), "-o",
                rec.toString())) {
            t.waitFor("round 0:");
            t.type(Terminal.CTRL_C);
            t.waitFor("backstep: cancelled by the user (Ctrl-C) at icount ");
            assertEquals(ExitStatus.INTERRUPTED, t.exitStatus(), t.screen());
        }
        var info = CliRunner.run("info", rec.toString());
        assertEquals(ExitStatus.OK, info.status(), info.out() + info.err());
        assertTrue(info.out().contains("ended           cancelled by the user at icount "), info.out());
        assertFalse(info.out().contains("DETACHED"), info.out());
        assertEquals(ExitStatus.OK, CliRunner.run("replay", "--quiet", rec.toString()).status());
    }

    @Test
    void recordWaitingForTypedInputEndsAtOnceToo() throws Exception {
        Path rec = dir.resolve("echo.bsr");
        try (Terminal t = Terminal.start(dir, "record", CliRunner.example("echo.elf").toString(), "-o",
                rec.toString())) {
            t.waitFor("echo: type a line");
            t.type(Terminal.CTRL_C);
            t.waitFor("backstep: cancelled by the user (Ctrl-C)");
            assertEquals(ExitStatus.INTERRUPTED, t.exitStatus(), t.screen());
        }
        var info = CliRunner.run("info", rec.toString());
        assertTrue(info.out().contains("cancelled by the user"), info.out());
    }

    @Test
    void benchReplayRemovesItsTemporaryFolderOnCtrlC() throws Exception {
        Path work;
        try (Terminal t = Terminal.start(dir, "bench-replay", "--points", "5")) {
            String screen = t.waitFor("benchloop.elf (");
            Matcher m = Pattern.compile("ELF: (.*)/benchloop\\.elf \\(").matcher(screen);
            assertTrue(m.find(), screen);
            work = Path.of(m.group(1));
            assertTrue(Files.isDirectory(work), work + " while it runs");
            t.type(Terminal.CTRL_C);
            t.waitFor("benchmark cancelled by the user");
            assertEquals(ExitStatus.INTERRUPTED, t.exitStatus(), t.screen());
        }
        assertFalse(Files.exists(work), work + " is removed");
    }
}
