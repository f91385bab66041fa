package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void printsInstructionsAndMips() {
        var r = CliRunner.run("bench", CliRunner.example("hello.elf").toString(), "--runs", "1", "--warmup", "0");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().matches("(?s).*instructions: \\d+.*MIPS: [0-9.]+.*"), r.out());
        assertTrue(r.out().matches("(?s).*interpreter: .* MIPS\n.*translator: .* MIPS\n.*"), r.out());
        var only = CliRunner.run("bench", CliRunner.example("hello.elf").toString(), "--runs", "1", "--warmup", "0",
                "--no-translate");
        assertEquals(0, only.status(), only.err());
        assertTrue(only.out().contains("interpreter:") && !only.out().contains("translator:"), only.out());
    }
}
