package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one exit-status rule of every command (ExitStatus, README, backstep help), command by command. */
class ExitStatusTest {
    @TempDir
    Path dir;

    private Path recordTimer() {
        Path rec = dir.resolve("timer.bsr");
        var r = CliRunner.run("record", CliRunner.example("timer.elf").toString(), "-o", rec.toString(), "--quiet");
        assertEquals(ExitStatus.OK, r.status(), r.err());
        return rec;
    }

    @Test
    void replayIsZeroWhenItMatchesWhateverTheProgramsExitCode() {
        Path rec = dir.resolve("corrupt.bsr");
        var recorded = CliRunner.run("record", CliRunner.example("corrupt.elf").toString(), "-o", rec.toString(),
                "--quiet");
        assertEquals(1, recorded.status(), "record gives the program's own code: " + recorded.err());
        var replayed = CliRunner.run("replay", "--quiet", rec.toString());
        assertEquals(ExitStatus.OK, replayed.status(), replayed.err());
        var info = CliRunner.run("info", rec.toString());
        assertEquals(ExitStatus.OK, info.status(), info.err());
        assertTrue(info.out().contains("the program exited with code 1"), info.out());
    }

    @Test
    void runAndRecordAgreeWhenTheInputRunsOut() {
        // echo waits for lines until "quit": with no input at all it waits for input that never comes
        var run = CliRunner.run(InputStream.nullInputStream(), "run", CliRunner.example("echo.elf").toString());
        var record = CliRunner.run(InputStream.nullInputStream(), "record", CliRunner.example("echo.elf").toString(),
                "-o", dir.resolve("echo.bsr").toString());
        assertEquals(ExitStatus.UNFINISHED, run.status(), run.err());
        assertEquals(ExitStatus.UNFINISHED, record.status(), record.err());
        String words = "waits in wfi for input that will never come (input ended)";
        assertTrue(run.err().contains(words), run.err());
        assertTrue(record.err().contains(words), record.err());
        assertEquals(run.out(), record.out());
    }

    @Test
    void recordTakesMaxInstructionsAsRunDoes() {
        Path rec = dir.resolve("bench.bsr");
        var run = CliRunner.run("run", CliRunner.example("bench.elf").toString(), "--max-instructions", "10000");
        var record = CliRunner.run("record", CliRunner.example("bench.elf").toString(), "-o", rec.toString(),
                "--max-instructions", "10000");
        assertEquals(ExitStatus.UNFINISHED, run.status(), run.err());
        assertEquals(ExitStatus.UNFINISHED, record.status(), record.err());
        assertTrue(record.err().contains("instruction limit of 10000 reached at pc 0x"), record.err());
        assertEquals(run.err().lines().findFirst(), record.err().lines().findFirst(), "the same words");
        var info = CliRunner.run("info", rec.toString());
        assertEquals(ExitStatus.OK, info.status(), info.err());
        assertTrue(info.out().contains("length          10000 instructions"), info.out());
        assertTrue(info.out().contains("instruction limit reached at icount 10000 (LIMIT)"), info.out());
        assertEquals(ExitStatus.OK, CliRunner.run("replay", "--quiet", rec.toString()).status());
    }

    @Test
    void aLimitOfZeroOrLessIsAUsageError() {
        String elf = CliRunner.example("hello.elf").toString();
        String out = dir.resolve("x.bsr").toString();
        for (String limit : new String[] {"0", "-5", "lots"}) {
            for (String[] args : List.of(new String[] {"run", elf, "--max-instructions", limit},
                    new String[] {"record", elf, "-o", out, "--max-instructions", limit})) {
                var r = CliRunner.run(args);
                assertEquals(ExitStatus.USAGE, r.status(), String.join(" ", args) + ": " + r.err());
                assertTrue(r.err().contains("'--max-instructions'") && r.err().contains(limit), r.err());
            }
        }
        assertFalse(Files.exists(dir.resolve("x.bsr")), "nothing is written for a usage error");
    }

    @Test
    void infoOnADamagedOrCutOffRecordingIsThree() throws IOException {
        byte[] whole = Files.readAllBytes(recordTimer());
        Path damaged = dir.resolve("damaged.bsr");
        byte[] flipped = whole.clone();
        flipped[flipped.length - 10] ^= 0x55;
        Files.write(damaged, flipped);
        var info = CliRunner.run("info", damaged.toString());
        assertEquals(ExitStatus.DAMAGED, info.status(), info.err());
        assertTrue(info.out().contains("integrity       recording damaged at file offset"), info.out());
        assertEquals("", info.err(), "the integrity line says it once");

        Path cut = dir.resolve("cut.bsr");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 40));
        assertEquals(ExitStatus.DAMAGED, CliRunner.run("info", cut.toString()).status());
    }

    @Test
    void aDamagedHeaderIsThreeLikeOtherDamageAndGarbageIsTwo() throws IOException {
        byte[] whole = Files.readAllBytes(recordTimer());
        Path header = dir.resolve("header.bsr");
        byte[] bad = whole.clone();
        bad[20] ^= 0x55; // inside the header chunk, past the magic
        Files.write(header, bad);
        for (String command : new String[] {"info", "replay"}) {
            var r = CliRunner.run(command, header.toString());
            assertEquals(ExitStatus.DAMAGED, r.status(), command + ": " + r.err());
            assertTrue(r.err().startsWith("backstep: " + header + ": unreadable recording header: checksum mismatch"),
                    r.err());
        }
        Path junk = dir.resolve("junk.bsr");
        Files.writeString(junk, "not a recording");
        var r = CliRunner.run("replay", junk.toString());
        assertEquals(ExitStatus.USAGE, r.status(), r.err());
        assertEquals("backstep: " + junk + ": not a Backstep recording\n", r.err());
    }

    @Test
    void helpTellsTheRuleAsTheReadmeDoes() throws IOException {
        var help = CliRunner.run("help");
        assertEquals(ExitStatus.OK, help.status());
        assertTrue(help.out().contains(ExitStatus.RULE), help.out());
        String readme = Files.readString(CliRunner.root().resolve("README.md"));
        for (int status : new int[] {ExitStatus.OK, ExitStatus.USAGE, ExitStatus.DAMAGED, ExitStatus.INTERNAL,
                ExitStatus.UNFINISHED, ExitStatus.TRAP_LOOP, ExitStatus.RESET, ExitStatus.INTERRUPTED}) {
            assertTrue(readme.contains("\n| " + status + " | "), "README's table has status " + status);
            assertTrue(help.out().contains("\n  " + status + " "), "help has status " + status);
        }
        var sub = CliRunner.run("help", "replay");
        assertTrue(sub.out().contains("Exit status: one rule for every command, see 'backstep help'."), sub.out());
    }

    @Test
    void aTrapLoopIs125ForRunAndRecordAndTheRecordingEndsAsATrapLoop() throws IOException {
        Path elf = CliRunner.example("trap-loop.elf");
        var run = CliRunner.run("run", elf.toString());
        assertEquals(ExitStatus.TRAP_LOOP, run.status(), run.err());
        Path rec = dir.resolve("loop.bsr");
        var record = CliRunner.run("record", elf.toString(), "-o", rec.toString(), "--quiet");
        assertEquals(ExitStatus.TRAP_LOOP, record.status(), record.err());
        assertTrue(record.err().contains("stuck in a trap loop at pc 0x50000000, icount 10: instruction access fault"),
                record.err());
        assertTrue(record.err().contains("(mcause=0x1, mtval=0x50000000)"), record.err());
        assertFalse(record.err().contains("trap loop: trap loop"), record.err());
        var info = CliRunner.run("info", rec.toString());
        assertEquals(ExitStatus.OK, info.status(), info.err());
        assertTrue(info.out().contains("the hart is stuck in a trap loop at icount 10 (TRAP LOOP mcause=0x00000001 "
                + "mtval=0x50000000)"), info.out());
        var replay = CliRunner.run("replay", rec.toString());
        assertEquals(ExitStatus.OK, replay.status(), replay.err());
    }
}
