package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReplayCommandTest {
    @TempDir
    Path dir;

    private Path record(String prog, String... extra) {
        Path rec = dir.resolve(prog + ".bsr");
        String[] args = new String[4 + extra.length];
        args[0] = "record";
        args[1] = CliRunner.example(prog + ".elf").toString();
        args[2] = "-o";
        args[3] = rec.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        var r = CliRunner.run(args);
        assertEquals(0, r.status(), r.err());
        return rec;
    }

    @Test
    void recordThenReplayReproducesTheOutputExactly() throws IOException {
        String expected = Files.readString(CliRunner.example("echo.expected"));
        Path rec = dir.resolve("echo.bsr");
        var recorded = CliRunner.run("record", CliRunner.example("echo.elf").toString(), "-o", rec.toString(),
                "--input", CliRunner.example("echo.input").toString());
        assertEquals(0, recorded.status(), recorded.err());
        assertEquals(expected, recorded.out());

        var replayed = CliRunner.run("replay", rec.toString());
        assertEquals(0, replayed.status(), replayed.err());
        assertEquals(expected, replayed.out());
        assertTrue(replayed.err().contains("digests checked"), replayed.err());
    }

    @Test
    void recordReadsStdinByDefault() throws IOException {
        Path rec = dir.resolve("stdin.bsr");
        var r = CliRunner.run(Files.newInputStream(CliRunner.example("echo.input")),
                "record", CliRunner.example("echo.elf").toString(), "-o", rec.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(Files.readString(CliRunner.example("echo.expected")), r.out());
    }

    /** Issue 17 changed replay's status: 0 when it matches, whatever the program's own code (it was that code). */
    @Test
    void recordExitStatusIsTheGuestsExitCodeAndReplayIsZeroWhenItMatches() {
        Path rec = dir.resolve("corrupt.bsr");
        var r = CliRunner.run("record", CliRunner.example("corrupt.elf").toString(), "-o", rec.toString());
        assertEquals(1, r.status(), r.err());
        var replayed = CliRunner.run("replay", "--quiet", rec.toString());
        assertEquals(ExitStatus.OK, replayed.status(), replayed.err());
        assertEquals("", replayed.out());
    }

    @Test
    void infoDescribesARecording() {
        Path rec = record("timer");
        var r = CliRunner.run("info", rec.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("timer.elf"), r.out());
        assertTrue(r.out().contains("integrity"), r.out());
    }

    @Test
    void aTruncatedRecordingReplaysItsPrefixAndFailsClearly() throws IOException {
        Path rec = record("timer");
        byte[] bytes = Files.readAllBytes(rec);
        Path cut = dir.resolve("cut.bsr");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 40));
        var r = CliRunner.run("replay", cut.toString());
        assertEquals(ReplayCommand.STATUS_DIVERGED, r.status(), r.err());
        assertTrue(r.err().contains("does NOT match"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace expected: " + r.err());
    }

    @Test
    void garbageIsNotARecording() throws IOException {
        Path junk = dir.resolve("junk.bsr");
        Files.writeString(junk, "definitely not a recording");
        var info = CliRunner.run("info", junk.toString());
        assertEquals(CliErrors.USAGE_ERROR, info.status(), info.err());
        assertTrue(info.err().startsWith("backstep: "), info.err());
        var replay = CliRunner.run("replay", junk.toString());
        assertEquals(CliErrors.USAGE_ERROR, replay.status(), replay.err());
        assertFalse(replay.err().contains("\tat "), "no stack trace expected: " + replay.err());
    }

    @Test
    void aMissingRecordingIsNamed() {
        var r = CliRunner.run("replay", dir.resolve("nope.bsr").toString());
        assertEquals(CliErrors.USAGE_ERROR, r.status());
        assertTrue(r.err().contains("nope.bsr"), r.err());
    }
}
