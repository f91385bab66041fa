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

    @Test
    void printsEachRunAsItFinishesAndFlagsAMissedTarget() {
        var r = CliRunner.run("bench", CliRunner.example("hello.elf").toString(), "--runs", "2", "--warmup", "1",
                "--target-mips", "1000000");
        assertEquals(ExitStatus.OK, r.status(), r.err());
        assertTrue(r.out().matches("(?s).*\ninterpreter run 1/3 \\(warm-up\\): [0-9.]+ s, [0-9.]+ MIPS\n"
                + "interpreter run 2/3: [0-9.]+ s, [0-9.]+ MIPS\ninterpreter run 3/3: .*\ntranslator run 3/3: .*"), r.out());
        assertTrue(r.out().matches("(?s).*\nMIPS: [0-9.]+ \\(target 1000000: MISSED\\)\n"), r.out());
        var met = CliRunner.run("bench", CliRunner.example("hello.elf").toString(), "--runs", "1", "--warmup", "0",
                "--target-mips", "0");
        assertTrue(met.out().matches("(?s).*\nMIPS: [0-9.]+ \\(target 0\\)\n"), met.out());
    }

    @Test
    void benchReplayPrintsEachRunAndFlagsMissedTargets() {
        var r = CliRunner.run("bench-replay", CliRunner.example("hello.elf").toString(), "--points", "5");
        assertEquals(ExitStatus.OK, r.status(), r.err());
        for (String line : new String[] {"  plain run 1/2: ", "  plain run 2/2: ", "  record run 1/2: ",
                "  record run 2/2: ", "record run: ", "(target <= 5 %", "reverse step (5 random points): median ",
                "(target 2 ms", "(target 20 ms"}) {
            assertTrue(r.out().contains(line), line + " in:\n" + r.out());
        }
        assertTrue(r.out().contains("all figures met their targets") || r.out().matches(
                "(?s).*: MISSED\\).*\n\\d+ figure\\(s\\) MISSED their target\n"), r.out());
    }
}
