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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's {@code info threads} and {@code thread N} as gdb has them, on minirtos (emulator/examples/rtos, a test
 * kernel that keeps its tasks as FreeRTOS does): one thread per task with its state and priority, another task's
 * stack from its saved context, and going back to where a task last ran.
 */
class ConsoleThreadsTest {

    private static Path minirtos() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("emulator/examples"))) {
            p = p.getParent();
        }
        assumeTrue(p != null, "emulator/examples not found");
        Path f = p.resolve("emulator/examples/rtos/minirtos.elf");
        assumeTrue(Files.isRegularFile(f), f + " is missing");
        return f;
    }

    private static String run(String rtos, String... lines) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LaunchSpec spec = LaunchSpec.record(minirtos()).withStopOnEntry(true).withRtos(rtos);
        try (DebugSession s = DebugSession.open(spec, new ConsoleOutput(out))) {
            int rc = new Console(s, new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), out, true,
                    false).run();
            assertEquals(0, rc);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int threadOf(String out, String task) {
        Matcher m = Pattern.compile("^[ *] (\\d+) +" + Pattern.quote(task) + " \\(", Pattern.MULTILINE).matcher(out);
        assertTrue(m.find(), "no thread for " + task + " in:\n" + out);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void infoThreadsListsTheTasksAndThreadNShowsAWaitingTasksStack() throws Exception {
        String first = run("auto", "break accumulate", "continue", "info threads", "quit");
        int tx = threadOf(first, "Tx");
        String out = run("auto", "break accumulate", "continue", "info threads", "thread " + tx, "bt", "thread",
                "frame 1", "print i", "thread 99", "quit");
        assertTrue(Pattern.compile("^\\* \\d+ +Rx \\(running, prio 2\\) +accumulate \\(", Pattern.MULTILINE)
                .matcher(out).find(), out);
        assertTrue(out.contains("Tx (ready, prio 1)") && out.contains("Logger (suspended, prio 1)")
                && out.contains("IDLE (ready, prio 0)"), out);
        assertTrue(out.contains("FreeRTOS tasks:"), out);
        assertTrue(out.contains("[Switching to thread " + tx + " (Tx (ready, prio 1))]"), out);
        assertTrue(Pattern.compile("^#0  (0x[0-9a-f]{8} in )?xQueueSend \\(", Pattern.MULTILINE).matcher(out).find(), out);
        assertTrue(Pattern.compile("^#1  0x[0-9a-f]{8} in tx_task \\(.*\\) at app.c:\\d+", Pattern.MULTILINE)
                .matcher(out).find(), out);
        assertTrue(out.contains("[Current thread is " + tx + " (Tx (ready, prio 1))]"), out);
        assertTrue(out.contains("i = 1"), "Tx's own loop counter, from its saved registers:\n" + out);
        assertTrue(out.contains("Invalid thread ID: 99"), out);
    }

    @Test
    void reverseTaskGoesBackToWhereATaskLastRan() throws Exception {
        String first = run("auto", "break accumulate", "continue", "info threads", "quit");
        int tx = threadOf(first, "Tx");
        String out = run("auto", "break accumulate", "continue", "delete", "reverse-task " + tx, "info threads",
                "task-switches", "quit");
        assertTrue(out.contains("[Switching to thread " + tx + " (Tx (running, prio 1))]"), out);
        assertTrue(Pattern.compile("^\\* " + tx + " +Tx \\(running, prio 1\\)", Pattern.MULTILINE).matcher(out).find(),
                out);
        assertTrue(Pattern.compile("^icount +\\d+ +thread " + tx + " +Tx$", Pattern.MULTILINE).matcher(out).find(),
                out);
    }

    @Test
    void withRtosNoneTheHartIsTheOnlyThread() throws Exception {
        String out = run("none", "break accumulate", "continue", "info threads", "quit");
        assertTrue(Pattern.compile("^\\* 1 +hart 0 +accumulate", Pattern.MULTILINE).matcher(out).find(), out);
        assertFalse(out.contains("Rx ("), out);
    }
}
