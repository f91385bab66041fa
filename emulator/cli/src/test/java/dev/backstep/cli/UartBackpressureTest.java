package dev.backstep.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * echo.elf fed 855 bytes at once (50 lines and quit): the guest's 256-byte ring would overflow if the whole input
 * entered the UART together; with the 16550's receiver taking bytes only as the guest reads them, every line is
 * echoed and the program exits 0, as on QEMU (compared with qemu-system-riscv32's output when it is installed).
 */
class UartBackpressureTest {
    @TempDir
    Path dir;

    static String input() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sb.append(String.format("line %02d: abcdefg%n", i));
        }
        return sb.append("quit\n").toString();
    }

    @Test
    void a855ByteInputIsEchoedInFullByRunAndRecordAsOnQemu() throws Exception {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, input(), StandardCharsets.ISO_8859_1);
        assertEquals(855, Files.size(in));
        var run = CliRunner.run("run", CliRunner.example("echo.elf").toString(), "--input", in.toString());
        assertEquals(0, run.status(), run.err());
        for (int i = 0; i < 50; i++) {
            assertTrue(run.out().contains(String.format("LINE %02d: ABCDEFG%n", i)), "line " + i + ":\n" + run.out());
        }
        assertTrue(run.out().endsWith("echo: bye after 51 lines\n"), run.out());

        Path rec = dir.resolve("echo.bsr");
        var record = CliRunner.run("record", CliRunner.example("echo.elf").toString(), "-o", rec.toString(), "--input",
                in.toString());
        assertEquals(0, record.status(), record.err());
        assertEquals(run.out(), record.out());
        var replay = CliRunner.run("replay", rec.toString());
        assertEquals(ExitStatus.OK, replay.status(), replay.err());
        assertEquals(run.out(), replay.out());

        String qemu = qemu(CliRunner.example("echo.elf"), in);
        if (qemu != null) {
            assertEquals(qemu, run.out(), "the same output as QEMU");
        } else {
            System.err.println("qemu-system-riscv32 is not installed: the output is checked line by line only");
        }
    }

    /** QEMU's output for the ELF with the input file on its UART, or null when QEMU is not installed. */
    private static String qemu(Path elf, Path input) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("qemu-system-riscv32", "-machine", "virt", "-bios", "none", "-nographic", "-monitor",
                    "none", "-kernel", elf.toString()).redirectInput(input.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            return null;
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("QEMU did not finish echo.elf");
        }
        assertEquals(0, p.exitValue(), "QEMU's exit status");
        return new String(out, StandardCharsets.ISO_8859_1);
    }
}
