package dev.backstep.isatests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a guest ELF on qemu-system-riscv32 -machine virt -bios none, the reference. */
final class QemuRunner {
    static final String QEMU = "qemu-system-riscv32";
    private static final long TIMEOUT_SECONDS = 60;
    private static Boolean available;

    private QemuRunner() {
    }

    /** True when qemu-system-riscv32 can be started. */
    static synchronized boolean available() {
        if (available == null) {
            available = probe();
        }
        return available;
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder(QEMU, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static RunResult run(GuestProgram prog) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(QEMU, "-machine", "virt", "-bios", "none",
                "-nographic", "-monitor", "none"));
        if (prog.icount()) {
            // sleep=off: time skipped in wfi jumps to the next deadline instead of following the host clock
            cmd.addAll(List.of("-icount", "shift=0,sleep=off"));
        }
        cmd.addAll(List.of("-kernel", prog.elf().toString()));

        Path out = Files.createTempFile("qemu-" + prog.name(), ".out");
        Path err = Files.createTempFile("qemu-" + prog.name(), ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(prog.input() != null ? prog.input().toFile() : new File("/dev/null"));
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("QEMU did not finish " + prog.name() + " within " + TIMEOUT_SECONDS
                        + " s (killed); output so far:\n" + Files.readString(out, StandardCharsets.ISO_8859_1));
            }
            String stderr = Files.readString(err, StandardCharsets.ISO_8859_1).trim();
            if (p.exitValue() != 0 && !stderr.isEmpty() && Files.size(out) == 0) {
                throw new AssertionError("QEMU failed on " + prog.name() + ": " + stderr);
            }
            return new RunResult(Files.readString(out, StandardCharsets.ISO_8859_1), p.exitValue(),
                    String.join(" ", cmd));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
