package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.cli.debug.DebugCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the user reads when something is wrong: the file and the problem, the same words in every command. */
class MessagesTest {
    @TempDir
    Path dir;

    /** Every command that reads a program or a recording, given {@code path} where it expects one. */
    private static List<String[]> readingCommands(Path path) {
        String elf = CliRunner.example("hello.elf").toString();
        String p = path.toString();
        return List.of(
                new String[] {"run", p},
                new String[] {"record", p, "-o", "/tmp/never-written.bsr"},
                new String[] {"replay", p},
                new String[] {"info", p},
                new String[] {"debug", p, "-x", "/dev/null"},
                new String[] {"debug", elf, "--replay", p, "-x", "/dev/null"},
                new String[] {"gdbserver", p, "--port", "0"},
                new String[] {"gdbserver", elf, "--replay", p, "--port", "0"},
                new String[] {"bench", p},
                new String[] {"bench-replay", p},
                new String[] {"run", elf, "--input", p});
    }

    private void sameWordsEverywhere(Path path, String problem) {
        for (String[] args : readingCommands(path)) {
            var r = CliRunner.run(args);
            assertEquals(ExitStatus.USAGE, r.status(), String.join(" ", args) + ": " + r.err());
            assertEquals("backstep: " + path + ": " + problem + "\n", r.err(), String.join(" ", args));
        }
    }

    @Test
    void aMissingFileIsNamedWithTheSameWordsInEveryCommand() {
        sameWordsEverywhere(dir.resolve("nope.elf"), "no such file");
    }

    @Test
    void aDirectoryIsNamedWithTheSameWordsInEveryCommand() {
        sameWordsEverywhere(dir, "is a directory, not a file");
    }

    @Test
    void anUnwritableOutputIsNamedWithTheSameWordsInEveryCommand() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path under = file.resolve("run.bsr"); // its "directory" is a file: no user can write there, root neither
        String elf = CliRunner.example("hello.elf").toString();
        for (String[] args : List.of(new String[] {"record", elf, "-o", under.toString()},
                new String[] {"debug", elf, "--record", under.toString(), "-x", "/dev/null"},
                new String[] {"gdbserver", elf, "--record", under.toString(), "--port", "0"})) {
            var r = CliRunner.run(args);
            assertEquals(ExitStatus.USAGE, r.status(), r.err());
            assertEquals("backstep: " + under + ": cannot write it: " + file + " is not a directory\n", r.err());
        }
        var r = CliRunner.run("record", elf, "-o", dir.toString());
        assertEquals("backstep: " + dir + ": is a directory, not a file\n", r.err());
        var missingDir = CliRunner.run("record", elf, "-o", dir.resolve("no/such/run.bsr").toString());
        assertEquals("backstep: " + dir.resolve("no/such/run.bsr") + ": cannot write it: no such directory "
                + dir.resolve("no/such") + "\n", missingDir.err());
    }

    @Test
    void recordRefusesToOverwriteItsOwnProgram() throws IOException {
        Path elf = Files.copy(CliRunner.example("hello.elf"), dir.resolve("hello.elf"));
        byte[] before = Files.readAllBytes(elf);
        var r = CliRunner.run("record", elf.toString(), "-o", elf.toString());
        assertEquals(ExitStatus.USAGE, r.status(), r.err());
        assertTrue(r.err().contains("that is the program itself"), r.err());
        assertTrue(Arrays.equals(before, Files.readAllBytes(elf)), "the program is untouched");
    }

    @Test
    void aUsageErrorIsOneLineAndAHintToHelp() {
        Function<String[], List<String>> lines = args -> CliRunner.run(args).err().lines().toList();
        assertEquals(List.of("backstep record: Missing required option: '--output=RUN.bsr'",
                "Try 'backstep help record' for more information."),
                lines.apply(new String[] {"record", CliRunner.example("hello.elf").toString()}));
        assertEquals(List.of("backstep run: Unknown option: '--bogus'", "Try 'backstep help run' for more information."),
                lines.apply(new String[] {"run", "--bogus", "x.elf"}));
        assertEquals(List.of("backstep: unknown command 'rnu'", "Try 'backstep help' for more information."),
                lines.apply(new String[] {"rnu", "x.elf"}));
        assertEquals(List.of("backstep gdbserver: --replay cannot be combined with --record or --input",
                "Try 'backstep help gdbserver' for more information."),
                lines.apply(new String[] {"gdbserver", CliRunner.example("hello.elf").toString(), "--replay", "x.bsr",
                        "--record", "y.bsr", "--port", "0"}));
        assertEquals(ExitStatus.USAGE, CliRunner.run("run", "--bogus").status());
    }

    @Test
    void aRecordingCutOffInsideItsProgramSaysSoAndNamesElf() throws IOException {
        Path rec = dir.resolve("timer.bsr");
        assertEquals(ExitStatus.OK, CliRunner.run("record", CliRunner.example("timer.elf").toString(), "-o",
                rec.toString(), "--quiet").status());
        byte[] whole = Files.readAllBytes(rec);
        Path cut = dir.resolve("cut.bsr");
        Files.write(cut, Arrays.copyOf(whole, 3000)); // inside the embedded ELF (39 KB)
        var r = CliRunner.run("replay", cut.toString());
        assertEquals(ExitStatus.DAMAGED, r.status(), r.err());
        assertTrue(r.err().contains("cut off inside its embedded copy of timer.elf"), r.err());
        assertTrue(r.err().contains("--elf timer.elf"), r.err());
        var withElf = CliRunner.run("replay", cut.toString(), "--elf", CliRunner.example("timer.elf").toString());
        assertEquals(ExitStatus.DAMAGED, withElf.status(), "what remains replays, the damage is still told");
        assertFalse(withElf.err().contains("embedded"), withElf.err());
    }

    @Test
    void aTruncatedRecordingSaysDamagedOnce() throws IOException {
        Path rec = dir.resolve("bench.bsr");
        CliRunner.run("record", CliRunner.example("bench.elf").toString(), "-o", rec.toString(), "--quiet",
                "--max-instructions", "50000000");
        byte[] whole = Files.readAllBytes(rec);
        Path cut = dir.resolve("cut.bsr");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 40));
        var r = CliRunner.run("replay", "--quiet", cut.toString());
        assertEquals(ExitStatus.DAMAGED, r.status(), r.err());
        assertEquals(1, r.err().split("damaged", -1).length - 1, r.err());
        assertTrue(r.err().contains("file offset"), r.err());
    }

    @Test
    void versionPrintsTheVersion() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"run", "--version"},
                new String[] {"debug", "--version"})) {
            var r = CliRunner.run(args);
            assertEquals(ExitStatus.OK, r.status());
            assertTrue(r.out().matches("(?s)backstep \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n.*"), r.out());
        }
    }

    @Test
    void helpDebugListsEveryConsoleCommand() {
        var r = CliRunner.run("help", "debug");
        assertEquals(ExitStatus.OK, r.status());
        String table = DebugCommand.consoleHelp()[2];
        assertTrue(r.out().replace("\r", "").contains(table), r.out());
        for (String word : new String[] {"reverse-continue (rc)", "tbreak", "display[/x]", "last EXPR", "advance",
                "seek", "bookmark", "x/NFU", "frame", "info [registers", "help [COMMAND]", "quit"}) {
            assertTrue(r.out().contains(word), word + " in:\n" + r.out());
        }
    }
}
