package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @Test
    void helloPrintsItsGreetingAndExitsZero() throws IOException {
        var r = CliRunner.run("run", CliRunner.example("hello.elf").toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(Files.readString(CliRunner.example("hello.expected")), r.out());
    }

    @Test
    void exitStatusIsTheGuestsExitCode() throws IOException {
        var r = CliRunner.run("run", CliRunner.example("corrupt.elf").toString());
        assertEquals(Integer.parseInt(Files.readString(CliRunner.example("corrupt.status")).trim()), r.status());
        assertEquals(Files.readString(CliRunner.example("corrupt.expected")), r.out());
    }

    @Test
    void uartInputComesFromTheInputFile() throws IOException {
        var r = CliRunner.run("run", CliRunner.example("echo.elf").toString(),
                "--input", CliRunner.example("echo.input").toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(Files.readString(CliRunner.example("echo.expected")), r.out());
    }

    @Test
    void uartInputComesFromStdinByDefault() throws IOException {
        var r = CliRunner.run(Files.newInputStream(CliRunner.example("echo.input")),
                "run", CliRunner.example("echo.elf").toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(Files.readString(CliRunner.example("echo.expected")), r.out());
    }

    @Test
    void instructionLimitIsReportedWithStatus124() {
        var r = CliRunner.run("run", CliRunner.example("bench.elf").toString(), "--max-instructions", "10000");
        assertEquals(RunOutcome.STATUS_UNFINISHED, r.status());
        assertTrue(r.err().contains("instruction limit of 10000 reached"), r.err());
    }

    @Test
    void aFileThatIsNotAnElfGivesAClearError(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.elf");
        Files.writeString(junk, "this is not an ELF file at all, just text");
        var r = CliRunner.run("run", junk.toString());
        assertEquals(CliErrors.USAGE_ERROR, r.status());
        assertTrue(r.err().startsWith("backstep: "), r.err());
        assertTrue(r.err().toLowerCase().contains("elf"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace expected: " + r.err());
    }

    @Test
    void aMissingFileGivesAClearError() {
        var r = CliRunner.run("run", "/nonexistent/prog.elf");
        assertEquals(CliErrors.USAGE_ERROR, r.status());
        assertTrue(r.err().contains("/nonexistent/prog.elf"), r.err());
    }

    @Test
    void aMissingInputFileGivesAClearError() {
        var r = CliRunner.run("run", CliRunner.example("hello.elf").toString(), "--input", "/nonexistent/in.txt");
        assertEquals(CliErrors.USAGE_ERROR, r.status());
        assertTrue(r.err().contains("/nonexistent/in.txt"), r.err());
    }

    @Test
    void aBadRamSizeIsAUsageError() {
        var r = CliRunner.run("run", CliRunner.example("hello.elf").toString(), "--ram", "lots");
        assertEquals(CliErrors.USAGE_ERROR, r.status());
        assertTrue(r.err().contains("not a size"), r.err());
    }
}
