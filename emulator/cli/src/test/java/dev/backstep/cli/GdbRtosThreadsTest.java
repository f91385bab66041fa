package dev.backstep.cli;

import dev.backstep.gdbserver.GdbServer;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * gdb-multiarch's own {@code info threads} and {@code thread apply all bt} against {@code backstep gdbserver}'s
 * threads on minirtos (emulator/examples/rtos, a test kernel that keeps its tasks as FreeRTOS does): each task a thread
 * (qfThreadInfo, qThreadExtraInfo), each with its own stack (Hg, then g reads the registers its kernel saved).
 */
@Timeout(180)
class GdbRtosThreadsTest {

    private static String gdb() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "gdb-multiarch");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static String run(Path elf, String rtos, String... commands) throws Exception {
        String gdb = gdb();
        assumeTrue(gdb != null, "gdb-multiarch not found on PATH: skipped (Debian package gdb-multiarch)");
        try (Timeline t = Timeline.record(elf, null, ExternalInput.none(), MachineConfig.defaults(),
                TimelineOptions.defaults());
             GdbServer server = new GdbServer(t, new PrintStream(OutputStream.nullOutputStream()), false, m -> { },
                     GdbTasks.forProgram(elf, rtos, t.machine()))) {
            int port = server.bind("127.0.0.1", 0);
            Thread serving = new Thread(() -> {
                try {
                    server.serve();
                } catch (Exception ignored) {
                    // the test's gdb output says what went wrong
                }
            }, "gdbserver");
            serving.setDaemon(true);
            serving.start();
            List<String> cmd = new ArrayList<>(List.of(gdb, "-q", "-batch", "-nx", "-ex", "set architecture riscv:rv32",
                    "-ex", "set pagination off", "-ex", "set confirm off",
                    "-ex", "directory " + elf.toAbsolutePath().getParent(), "-ex", "target remote 127.0.0.1:" + port));
            for (String c : commands) {
                cmd.add("-ex");
                cmd.add(c);
            }
            cmd.add(elf.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    @Test
    void gdbListsTheTasksAndUnwindsEachFromItsSavedContext() throws Exception {
        Path elf = CliRunner.example("rtos/minirtos.elf");
        String out = run(elf, "auto", "break accumulate", "continue", "info threads", "thread apply all bt",
                "kill");
        assertTrue(out.contains("Rx (running, prio 2)") && out.contains("Tx (ready, prio 1)")
                && out.contains("Logger (suspended, prio 1)") && out.contains("IDLE (ready, prio 0)"), out);
        assertTrue(Pattern.compile("^\\* \\d+ +Thread \\d+ \\(Rx \\(running, prio 2\\)", Pattern.MULTILINE)
                .matcher(out).find(), "the running task is gdb's current thread:\n" + out);
        assertTrue(Pattern.compile("in tx_task \\(", Pattern.MULTILINE).matcher(out).find(),
                "Tx's stack from its saved context:\n" + out);
        assertTrue(out.contains("xQueueSend ("), out);
        assertTrue(out.contains("logger_task (") && out.contains("idle_task ("), out);
    }

    @Test
    void withRtosNoneGdbSeesOneThread() throws Exception {
        Path elf = CliRunner.example("rtos/minirtos.elf");
        String out = run(elf, "none", "break accumulate", "continue", "info threads", "kill");
        assertTrue(Pattern.compile("^\\* 1 +Thread 1 \\(hart 0", Pattern.MULTILINE).matcher(out).find(), out);
        assertTrue(!out.contains("Tx (ready"), out);
    }
}
