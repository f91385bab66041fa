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

/**
 * The console writes values and backtraces as gdb does (the expected lines are gdb-multiarch's own, on the oracle
 * fixture at -O0): qualified and char pointers, handles to a struct defined in another unit, function pointers,
 * and a backtrace through a trap handler.
 */
class ConsoleGdbOutputTest {

    private static String run(String elf, String... lines) throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("emulator/examples"))) {
            p = p.getParent();
        }
        assumeTrue(p != null, "emulator/examples not found");
        Path f = p.resolve("emulator/examples/" + elf);
        assumeTrue(Files.isRegularFile(f), f + " is missing");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (DebugSession s = DebugSession.open(LaunchSpec.record(f).withStopOnEntry(true), new ConsoleOutput(out))) {
            String script = String.join("\n", lines) + "\n";
            assertEquals(0, new Console(s, new BufferedReader(new StringReader(script)), out, true, false).run());
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void assertHas(String out, String... parts) {
        for (String part : parts) {
            assertTrue(out.contains(part), () -> "no '" + part + "' in:\n" + out);
        }
    }

    @Test
    void valuesPrintAsGdbPrintsThem() throws Exception {
        String out = run("oracle/oracle-O0.elf", "break oracle.c:143", "continue",
                "print greeting", "print current_task", "print *work_queue", "print work_queue->waiting",
                "print hook", "print on_tick", "print &tasks[1]", "info locals", "quit");
        assertHas(out,
                "greeting = 0x8000187c \"Blink1\"",
                "current_task = (struct task * volatile) 0x80001b20 <tasks+48>",
                "*work_queue = {name = 0x80001884 <banner> \"oracle\", waiting = 3, head = 0, items = {3, 2, 1, 0}, "
                        + "on_full = 0x80000fa4 <report_full>}",
                "work_queue->waiting = 3",
                "hook = (hook_t) 0x80000a84 <on_tick>",
                "on_tick = {void (int)} 0x80000a84 <on_tick>",
                "&tasks[1] = (struct task *) 0x80001b08 <tasks+24>",
                "msg = 0x8000187c \"Blink1\"",
                "hook = 0x80000a84 <on_tick>");
    }

    @Test
    void backtraceThroughATrapHandlerNamesTheTrap() throws Exception {
        String out = run("oracle/oracle-O0.elf", "break on_trap", "continue", "backtrace", "quit");
        assertHas(out,
                "#0  on_trap (f=0x",
                "in trap_vector () at trapvec.S:",
                "#2  <environment call from M-mode>",
                "in syscall (n=21) at oracle.c:",
                "in main () at oracle.c:146",
                "in _start () at crt0.S:23");
    }
}
