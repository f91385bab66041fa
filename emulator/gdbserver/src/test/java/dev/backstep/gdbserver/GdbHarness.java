package dev.backstep.gdbserver;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** An in-process server on port 0 over a fresh record timeline, and gdb-multiarch in batch mode against it. */
final class GdbHarness implements AutoCloseable {
    final Timeline timeline;
    final GdbServer server;
    final Path elf;
    final int port;
    final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    final ByteArrayOutputStream uart = new ByteArrayOutputStream();
    private final Thread thread;

    GdbHarness(String example) throws IOException {
        this(Examples.elf(example), null);
    }

    GdbHarness(Path elf, Path replay) throws IOException {
        this.elf = elf;
        this.timeline = replay == null
                ? Timeline.record(elf, null, ExternalInput.none(), MachineConfig.defaults(), TimelineOptions.defaults())
                : Timeline.replay(replay, elf, TimelineOptions.defaults());
        this.server = new GdbServer(timeline, new PrintStream(uart, true), false, log::add);
        this.port = server.bind("127.0.0.1", 0);
        this.thread = new Thread(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                log.add("serve failed: " + e);
            }
        }, "gdbserver-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    static String gdbPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "gdb-multiarch");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    static void assumeGdb() {
        Assumptions.assumeTrue(gdbPath() != null,
                "gdb-multiarch not found on PATH: end-to-end gdb tests skipped (Debian package gdb-multiarch)");
    }

    /** Runs gdb in batch mode with these commands after connecting; returns its stdout+stderr. */
    String gdb(String... commands) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(gdbPath(), "-q", "-batch", "-nx",
                "-ex", "set architecture riscv:rv32", "-ex", "set pagination off", "-ex", "set confirm off",
                "-ex", "target remote 127.0.0.1:" + port));
        for (String c : commands) {
            cmd.add("-ex");
            cmd.add(c);
        }
        cmd.add(elf.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("gdb did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(5000);
        timeline.close();
    }
}
