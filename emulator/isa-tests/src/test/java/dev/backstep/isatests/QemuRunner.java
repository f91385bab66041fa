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
        List<String> extra = new ArrayList<>();
        if (prog.icount()) {
            // sleep=off: time skipped in wfi jumps to the next deadline instead of following the host clock
            extra.addAll(List.of("-icount", "shift=0,sleep=off"));
        }
        if (prog.qemuCpu() != null) {
            extra.addAll(List.of("-cpu", prog.qemuCpu()));
        }
        return run(prog.name(), extra, prog.elf(), prog.input(), TIMEOUT_SECONDS);
    }

    /**
     * Runs {@code elf} on the virt board with {@code extraArgs} before {@code -kernel}, the UART fed
     * from {@code input} (or nothing), killed after {@code timeoutSeconds}.
     */
    static RunResult run(String name, List<String> extraArgs, Path elf, Path input, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(QEMU, "-machine", "virt", "-bios", "none",
                "-nographic", "-monitor", "none"));
        cmd.addAll(extraArgs);
        cmd.addAll(List.of("-kernel", elf.toString()));

        Path out = Files.createTempFile("qemu-" + name, ".out");
        Path err = Files.createTempFile("qemu-" + name, ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(input != null ? input.toFile() : new File("/dev/null"));
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("QEMU did not finish " + name + " within " + timeoutSeconds
                        + " s (killed); output so far:\n" + tail(Files.readString(out, StandardCharsets.ISO_8859_1)));
            }
            String stderr = Files.readString(err, StandardCharsets.ISO_8859_1).trim();
            if (p.exitValue() != 0 && !stderr.isEmpty() && Files.size(out) == 0) {
                throw new AssertionError("QEMU failed on " + name + ": " + stderr);
            }
            return new RunResult(Files.readString(out, StandardCharsets.ISO_8859_1), p.exitValue(),
                    String.join(" ", cmd));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }
}
