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
        String out = run(example("corrupt.elf"), String.join("\n",
                "continue",
                "print config.alarm_limit",
                "watch config.alarm_limit",
                "reverse-continue",
                "backtrace",
                "print/x config.alarm_limit",
                "quit", ""));
        assertTrue(out.contains("(backstep) continue"), out);
        assertTrue(out.contains("check failed: alarm limit of tank-3 is 5, expected 75"), out);
        assertTrue(out.contains("The program exited with code 1"), out);
        assertTrue(out.contains("config.alarm_limit = 5"), out);
        assertTrue(out.contains("Watchpoint 1: config.alarm_limit (4 bytes at 0x"), out);
        assertTrue(out.contains("smooth_window () at corrupt.c:51"), out);
        assertTrue(out.contains("51\t        p[1] = (p[0] + p[1]) / 2;"), out);
        assertTrue(out.contains("#1  0x") && out.contains("in main at corrupt.c:"), out);
    }

    @Test
    void breakStepAndGoBack() throws Exception {
        String out = run(example("corrupt.elf"), String.join("\n",
                "break configure",
                "c",
                "n",
                "n",
                "rn",
                "finish",
                "rf",
                "info breakpoints",
                "bogus",
                "p nosuchvar",
                ""));
        assertTrue(out.contains("Breakpoint 1 at 0x"), out);
        assertTrue(out.contains("configure () at corrupt.c:26"), out);
        assertTrue(out.contains("configure () at corrupt.c:27"), out);
        assertTrue(out.contains("configure () at corrupt.c:28"), out);
        assertTrue(out.contains("main () at corrupt.c:"), out);
        assertTrue(out.contains("unknown command 'bogus'"), out);
        assertTrue(out.contains("error: no symbol \"nosuchvar\""), out);
    }
}
