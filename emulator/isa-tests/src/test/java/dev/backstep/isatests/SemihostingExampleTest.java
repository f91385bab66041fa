package dev.backstep.isatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ExitKind;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.HostSemihosting;
import dev.backstep.machine.InputSink;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.MachineStop;
import dev.backstep.machine.MachineStopReason;
import dev.backstep.machine.SemihostCall;
import dev.backstep.machine.SemihostReply;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The semihosting example (emulator/examples/semihost.c, built with picolibc's semihosting crt0 and library): on
 * Backstep with semihosting on it prints its committed output and exits with its committed status; with QEMU
 * installed, {@code qemu-system-riscv32 -machine virt -bios none -semihosting -append "alpha beta"} prints the same
 * (on its stderr, where QEMU puts semihosting console output) and exits the same. Each runs in a scratch folder of
 * its own, where the program writes, reads and removes its file, with the kernel named {@code semihost.elf}, so that
 * both command lines are {@code semihost.elf alpha beta}.
 */
class SemihostingExampleTest {
    private static final String ARGS = "alpha beta";

    private static Path elf() {
        return RepoRoot.resolve("emulator/examples/semihost.elf");
    }

    private static Path examples() {
        return RepoRoot.resolve("emulator/examples");
    }

    @Test
    void printsItsExpectedOutputOnBackstep(@TempDir Path dir) throws Exception {
        RunResult r = runOnBackstep(dir);
        OutputDiff.assertSameOutput(Files.readString(examples().resolve("semihost.expected")), r.output(),
                "semihost on Backstep vs committed semihost.expected");
        assertEquals(Integer.parseInt(Files.readString(examples().resolve("semihost.status")).trim()), r.exitStatus());
        assertEquals(List.of("semihost.elf"), list(dir), "the program removes the file it made");
    }

    @Test
    void matchesQemu(@TempDir Path qemuDir, @TempDir Path backstepDir) throws Exception {
        assumeTrue(QemuRunner.available(), QemuRunner.QEMU + " is not installed: differential run skipped");
        OutputDiff.assertSameRun(runOnQemu(qemuDir), runOnBackstep(backstepDir));
    }

    private static List<String> list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static RunResult runOnBackstep(Path dir) throws Exception {
        Files.copy(elf(), dir.resolve("semihost.elf"));
        HostSemihosting host = new HostSemihosting(dir);
        ExternalInput input = new ExternalInput() {
            @Override
            public long nextEventIcount(long now) {
                return Long.MAX_VALUE;
            }

            @Override
            public void deliver(long now, InputSink sink) {
            }

            @Override
            public long rtcNanos(long now) {
                return 0;
            }

            @Override
            public long idle(long now) {
                return -1;
            }

            @Override
            public SemihostReply semihost(long now, SemihostCall call) {
                return call.kind() == SemihostCall.Kind.CONSOLE_READ ? SemihostReply.of(0) : host.call(call);
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MachineConfig cfg = MachineConfig.builder().semihosting(true).semihostingCmdline("semihost.elf " + ARGS)
                .build();
        Machine m = new Machine(cfg, input, (b, icount) -> out.write(b));
        m.load(ElfImage.read(dir.resolve("semihost.elf")));
        try {
            MachineStopReason r = m.run(200_000_000L);
            assertEquals(MachineStopReason.EXIT, r, "semihost on Backstep: " + m.lastStop() + "; output so far:\n"
                    + out.toString(StandardCharsets.ISO_8859_1));
        } finally {
            host.closeAll();
        }
        MachineStop s = m.lastStop();
        int status = s.exit().kind() == ExitKind.PASS ? 0 : s.exit().code();
        return new RunResult(out.toString(StandardCharsets.ISO_8859_1), status, "Backstep --semihosting");
    }

    private static RunResult runOnQemu(Path dir) throws IOException, InterruptedException {
        Files.copy(elf(), dir.resolve("semihost.elf"));
        Path err = dir.resolve("qemu.err");
        List<String> cmd = List.of(QemuRunner.QEMU, "-machine", "virt", "-bios", "none", "-nographic", "-monitor",
                "none", "-semihosting", "-append", ARGS, "-kernel", "semihost.elf");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "QEMU did not finish semihost within 60 s");
        String text = Files.readString(err, StandardCharsets.ISO_8859_1);
        Files.delete(err);
        return new RunResult(text, p.exitValue(), String.join(" ", cmd));
    }
}
