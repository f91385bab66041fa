package dev.backstep.cli.debug;

import dev.backstep.session.DebugSession;
import dev.backstep.session.LaunchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

/** The console's history and hits commands, driven by scripts on the corrupt demo. */
class ConsoleHistoryTest {
    @TempDir
    Path tmp;

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

    private static String run(String... lines) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (DebugSession s = DebugSession.open(LaunchSpec.record(example("corrupt.elf")).withStopOnEntry(true),
                new ConsoleOutput(out))) {
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
    void historyListsEveryWriteAndSeekGoesToOne() throws Exception {
        String out = run("continue", "history config.alarm_limit", "seek 86", "print config.alarm_limit", "seek 85",
                "print config.alarm_limit", "history config.alarm_limit from 100 to 7000", "quit");
        assertHas(out,
                "config.alarm_limit (4 bytes at 0x80000f9c), int32_t: 0 at the start; 6 writes.",
                "54            _start (crt0.S:19)",
                "0 -> 0  (same value)",
                "86            configure (corrupt.c:26)",
                "0 -> 75",
                "smooth_window (corrupt.c:51)",
                "27 -> 5",
                "seek ICOUNT shows the state just after a write",
                "(backstep) seek 86",
                "config.alarm_limit = 75",
                "(backstep) seek 85",
                "config.alarm_limit = 0",
                "int32_t: 75 at the start; 2 writes.");
    }

    @Test
    void hitsCountTheLoopAndShowAnExpressionAndPagesSayHowToGoOn() throws Exception {
        String out = run("continue", "hits corrupt.c:35 i", "hits smooth_window", "hits 35 from 5000 to 5200", "quit");
        assertHas(out,
                "corrupt.c:35 with i: 100 hits.",
                "More after icount",
                "smooth_window(): 4 hits.");
        assertTrue(out.matches("(?s).*shift_window \\(corrupt.c:35\\)\\s+6\n.*"), out);
    }

    @Test
    void aPlotIsAnSvgFileThatIsNeverReplacedUnlessAsked() throws Exception {
        Path svg = tmp.resolve("limit.svg");
        String out = run("continue", "history config.alarm_limit --plot " + svg, "quit");
        assertHas(out, "Plotted 6 writes of config.alarm_limit (4 bytes at 0x80000f9c) to " + svg);
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<?xml") && text.contains("<svg") && text.trim().endsWith("</svg>"), text);
        assertEquals(6, text.split("<circle").length - 1);
        assertTrue(text.contains("icount 86: configure (corrupt.c:26) 0 -&gt; 75"), text);

        out = run("continue", "history config.alarm_limit --plot " + svg, "quit");
        assertHas(out, "error: " + svg + " exists: add --force to replace it");
        assertEquals(text, Files.readString(svg));
        Files.writeString(svg, "mine");
        out = run("continue", "history config.hysteresis --plot " + svg + " --force", "quit");
        assertHas(out, "Plotted 2 writes of config.hysteresis");
        assertTrue(Files.readString(svg).contains("<svg"));

        out = run("continue", "history config.site --plot " + tmp.resolve("site.svg"), "history", "hits",
                "history config.alarm_limit from x", "history config.alarm_limit --plot " + tmp.resolve("a.png"),
                "hits nosuch", "quit");
        assertHas(out, "error: cannot plot config.site", "error: history of what?", "error: hits of what?",
                "error: 'from x': not an icount", "error: the plot is an SVG file", "error: no function 'nosuch'");
        assertTrue(!Files.exists(tmp.resolve("site.svg")));
    }
}
