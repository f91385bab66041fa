package dev.backstep.gdbserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** gdb-multiarch in batch mode against an in-process server. */
final class GdbHarness implements AutoCloseable {
    final ServerHarness server;
    final Path elf;

    GdbHarness(String example) throws IOException {
        this.elf = Examples.elf(example);
        this.server = ServerHarness.record(elf);
    }

    GdbHarness(Path elf, Path replay) throws IOException {
        this.elf = elf;
        this.server = replay == null ? ServerHarness.record(elf) : ServerHarness.replay(replay, elf);
    }

    List<String> log() {
        return server.log;
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
                // the ELFs name their sources relative to their folder (-fdebug-prefix-map): gdb finds them there
                "-ex", "directory " + elf.toAbsolutePath().getParent(),
                "-ex", "target remote 127.0.0.1:" + server.port));
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
            throw new IOException("gdb did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
