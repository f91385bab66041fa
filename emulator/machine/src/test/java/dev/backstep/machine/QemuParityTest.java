package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counters, mtime, ebreak, timer interrupt out of wfi: printed values must be those QEMU 7.2
 * prints with {@code -icount shift=0,sleep=off}. Needs the RISC-V gcc at test time.
 */
class QemuParityTest {
    private static final String GCC = "riscv64-unknown-elf-gcc";
    /** Output of qemu-system-riscv32 7.2 -machine virt -bios none -icount shift=0,sleep=off on this program. */
    private static final String QEMU_OUTPUT = String.join("\n", "00000007", "00000008", "00000000", "00000000",
            "00000000", "00000000", "0000001d", "000013a7", "000013ae", "00000032", "8000004c", "00000032", "");

    static boolean hasTool(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void countersTimerAndWfiMatchQemu(@TempDir Path dir) throws Exception {
        assumeTrue(hasTool(GCC), GCC + " not installed: skipping the QEMU parity program");
        Path src = dir.resolve("t.S");
        try (InputStream in = getClass().getResourceAsStream("/counters-timer.S")) {
            Files.write(src, in.readAllBytes());
        }
        Path elf = dir.resolve("t.elf");
        Process p = new ProcessBuilder(GCC, "-march=rv32imac", "-mabi=ilp32", "-misa-spec=2.2", "-nostdlib",
                "-Ttext=0x80000000", "-o", elf.toString(), src.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults(), ExternalInput.none(), (b, ic) -> out.write(b));
        m.load(ElfImage.read(elf));
        assertEquals(MachineStopReason.EXIT, m.run(1_000_000));
        assertEquals(ExitKind.PASS, m.lastStop().exit().kind());
        assertEquals(QEMU_OUTPUT, out.toString(StandardCharsets.US_ASCII));
    }
}
