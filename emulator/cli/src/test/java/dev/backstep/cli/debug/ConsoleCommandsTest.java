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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The console's commands as a gdb user types them: the help lists them all, and the edge cases answer as gdb does. */
class ConsoleCommandsTest {

    private static String runOnCorrupt(String... lines) throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("emulator/examples"))) {
            p = p.getParent();
        }
        assumeTrue(p != null, "emulator/examples not found");
        Path elf = p.resolve("emulator/examples/corrupt.elf");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (DebugSession s = DebugSession.open(LaunchSpec.record(elf).withStopOnEntry(true), new ConsoleOutput(out))) {
            int rc = new Console(s, new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), out, true,
                    false).run();
            assertEquals(0, rc);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void assertHas(String out, String... parts) {
        for (String part : parts) {
            assertTrue(out.contains(part), () -> "no '" + part + "' in:\n" + out);
        }
    }

    @Test
    void helpListsEveryCommandAndEveryCommandListedRuns() throws Exception {
        String[] script = new String[ConsoleCommands.ALL.size() + 1];
        script[0] = "help";
        int i = 1;
        for (ConsoleCommands.Entry e : ConsoleCommands.ALL) {
            // every command by its name, then every short form; "quit" last of all
            if (!e.name().equals("quit")) {
                script[i++] = e.name();
            }
        }
        script[i] = "quit";
        String out = runOnCorrupt(script);
        String help = out.substring(out.indexOf("(backstep) help\n"), out.indexOf("(backstep) break\n"));
        for (ConsoleCommands.Entry e : ConsoleCommands.ALL) {
            assertTrue(help.contains(e.usage()), e.usage() + " in the help:\n" + help);
            for (String alias : e.aliases()) {
                assertTrue(help.contains(alias), alias + " in the help");
            }
        }
        assertFalse(out.contains("unknown command"), out);
        String aliases = runOnCorrupt(ConsoleCommands.ALL.stream().flatMap(e -> e.aliases().stream())
                .filter(a -> !a.equals("q") && !a.equals("exit")).toArray(String[]::new));
        assertFalse(aliases.contains("unknown command"), aliases);
    }

    @Test
    void helpOnOneCommand() throws Exception {
        String out = runOnCorrupt("help rc", "help nosuch");
        assertHas(out, "(backstep) help rc\n  reverse-continue (rc)", "error: no command 'nosuch' (help lists them)");
    }

    @Test
    void listTakesAFunctionAFileLineOrALine() throws Exception {
        String out = runOnCorrupt("list smooth_window", "list corrupt.c:26", "list 67", "list nosuchfunction",
                "list 9999");
        assertHas(out,
                "(backstep) list smooth_window\n",
                "47\tstatic void smooth_window(void)\n",
                "(backstep) list corrupt.c:26\n21\t",
                "26\t    config.alarm_limit = 75;\n",
                "(backstep) list 67\n62\t",
                "error: Function \"nosuchfunction\" not defined",
                "error: Line number 9994 out of range");
        assertFalse(out.contains("For input string"), out);
    }

    @Test
    void aLineWithNoCurrentFileIsInTheFileOfMain() throws Exception {
        // at icount 0 the program is in the reset stub: no source yet, so gdb's default is main's file
        String out = runOnCorrupt("break 67", "continue");
        assertHas(out, "Breakpoint 1 at 0x", ": corrupt.c:67", "Breakpoint 1, main () at corrupt.c:67");
    }

    @Test
    void infoLocalsWithNoneSaysSo() throws Exception {
        String out = runOnCorrupt("info locals", "info bogus");
        assertHas(out, "(backstep) info locals\nNo locals.\n", "error: info bogus: not known");
    }

    @Test
    void watchOnANumberSaysHowToWatchTheAddress() throws Exception {
        String out = runOnCorrupt("watch 0x80000f9c", "rwatch 4096", "info breakpoints");
        assertHas(out, "error: Cannot watch constant value '0x80000f9c'; to watch the int at that address: "
                + "watch *(int *)0x80000f9c", "No breakpoints or watchpoints.");
        String cast = runOnCorrupt("watch *(int *)&config.alarm_limit", "continue");
        // the first write is crt0 clearing .bss
        assertHas(cast, "Watchpoint 1: *(int *)&config.alarm_limit (4 bytes at 0x80000f9c): write of 0x80000f9c");
    }

    @Test
    void displaySlashXShowsHexLikePrintSlashX() throws Exception {
        String out = runOnCorrupt("break corrupt.c:67", "continue", "print/x config.alarm_limit",
                "display/x config.alarm_limit", "display config.alarm_limit", "info display", "reverse-stepi");
        assertHas(out, "config.alarm_limit = 0x5\n", "(backstep) display/x config.alarm_limit\n1: /x config.alarm_limit = 0x5\n",
                "2: config.alarm_limit = 5\n", "1:   y  /x config.alarm_limit\n2:   y  config.alarm_limit\n");
        String afterStep = out.substring(out.indexOf("(backstep) reverse-stepi"));
        assertHas(afterStep, "1: /x config.alarm_limit = 0x", "2: config.alarm_limit = ");
    }

    @Test
    void lastUsesUpNoBreakpointNumber() throws Exception {
        String out = runOnCorrupt("continue", "last config.alarm_limit", "break configure", "watch config.hysteresis");
        assertHas(out, "Last write: config.alarm_limit", "smooth_window () at corrupt.c:51",
                "Breakpoint 1 at 0x", "Watchpoint 2: config.hysteresis");
    }

    /** Issue 18: 1,000 parentheses printed a 1,024-line stack trace and ended the debugger, losing the session. */
    @Test
    void aDeepExpressionIsOneErrorLineAndTheSessionGoesOn() throws Exception {
        String deep = "(".repeat(1000) + "1" + ")".repeat(1000);
        String out = runOnCorrupt("print " + deep, "print " + "-".repeat(100_000) + "1", "print 1+2");
        assertHas(out, "error: expression too deep: more than 128 levels of nesting (limit 128)\n",
                "error: expression too long: 100001 characters (limit 4096)\n", "(backstep) print 1+2\n1+2 = 3\n");
        assertTrue(!out.contains("\tat "), "no stack trace");
    }
}
