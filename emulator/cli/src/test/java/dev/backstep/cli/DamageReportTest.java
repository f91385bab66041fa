package dev.backstep.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What {@code info} and {@code replay} say about a damaged END, ELF, EVENTS or INDEX chunk: the chunk's kind, its file
 * offset and what still replays, with status 3 (README), and no stack trace.
 */
class DamageReportTest {
    @TempDir
    Path dir;
    byte[] whole;
    List<int[]> chunks; // {offset, type}

    @BeforeEach
    void record() throws IOException {
        Path rec = dir.resolve("echo.bsr");
        assertEquals(0, CliRunner.run("record", CliRunner.example("echo.elf").toString(), "-o", rec.toString(), "--quiet",
                "--input", CliRunner.example("echo.input").toString()).status());
        whole = Files.readAllBytes(rec);
        chunks = new ArrayList<>();
        int pos = 8;
        while (pos < whole.length) {
            int len = (whole[pos + 1] & 0xFF) | (whole[pos + 2] & 0xFF) << 8 | (whole[pos + 3] & 0xFF) << 16;
            chunks.add(new int[] {pos, whole[pos]});
            pos += 9 + len;
        }
    }

    private Path damage(int type, int index, int delta) throws IOException {
        int at = chunks.stream().filter(c -> c[1] == type).skip(index).findFirst().orElseThrow()[0];
        byte[] bad = whole.clone();
        bad[at + delta] ^= 0x20;
        Path p = dir.resolve("bad" + type + ".bsr");
        Files.write(p, bad);
        return p;
    }

    private static int offset(List<int[]> chunks, int type) {
        return chunks.stream().filter(c -> c[1] == type).findFirst().orElseThrow()[0];
    }

    @Test
    void aDamagedEndChunkSaysHowMuchReplaysAndThatHowTheRunEndedIsLost() throws IOException {
        Path p = damage(4, 0, 12);
        var info = CliRunner.run("info", p.toString());
        assertEquals(ExitStatus.DAMAGED, info.status());
        assertTrue(info.out().contains("file offset " + offset(chunks, 4) + " (END chunk): checksum mismatch"), info.out());
        var replay = CliRunner.run("replay", "--quiet", p.toString());
        assertEquals(ExitStatus.DAMAGED, replay.status(), replay.err());
        assertTrue(replay.err().contains("(END chunk)") && replay.err().contains("how the run ended is lost"),
                replay.err());
        assertFalse(replay.err().contains("\tat "), replay.err());
    }

    @Test
    void aDamagedElfChunkIsNotAMissingElfAndEverythingReplaysWithElf() throws IOException {
        Path p = damage(2, 0, 200);
        var info = CliRunner.run("info", p.toString());
        assertEquals(ExitStatus.DAMAGED, info.status());
        assertTrue(info.out().contains("(ELF chunk): checksum mismatch") && info.out().contains("events are intact"),
                info.out());
        var bare = CliRunner.run("replay", "--quiet", p.toString());
        assertEquals(ExitStatus.DAMAGED, bare.status(), bare.err());
        assertTrue(bare.err().contains("embedded copy of echo.elf is damaged") && bare.err().contains("--elf echo.elf"),
                bare.err());
        assertFalse(bare.err().contains("holds no copy"), bare.err());
        var withElf = CliRunner.run("replay", p.toString(), "--elf", CliRunner.example("echo.elf").toString());
        assertEquals(ExitStatus.DAMAGED, withElf.status(), withElf.err());
        assertEquals(expected(), withElf.out(), "every event after the damaged ELF chunk replays");
        assertTrue(withElf.err().contains("the run replays in full and identically"), withElf.err());
    }

    @Test
    void aDamagedEventsChunkNamesItAndTheIcountTheReplayReaches() throws IOException {
        Path p = damage(3, 1, 20);
        var replay = CliRunner.run("replay", "--quiet", p.toString());
        assertEquals(ExitStatus.DAMAGED, replay.status(), replay.err());
        assertTrue(replay.err().contains("(EVENTS chunk): checksum mismatch"), replay.err());
        assertTrue(replay.err().contains("the input events it held are lost: the recording replays exactly up to icount"),
                replay.err());
    }

    @Test
    void aDamagedIndexChunkCostsOnlyTheIndex() throws IOException {
        Path p = damage(5, 0, 7);
        var info = CliRunner.run("info", p.toString());
        assertEquals(ExitStatus.DAMAGED, info.status());
        assertTrue(info.out().contains("(INDEX chunk)") && info.out().contains("execution index is dropped"), info.out());
        var replay = CliRunner.run("replay", p.toString());
        assertEquals(ExitStatus.DAMAGED, replay.status(), replay.err());
        assertEquals(expected(), replay.out());
        assertTrue(replay.err().contains("the run replays in full and identically"), replay.err());
    }

    private static String expected() throws IOException {
        return Files.readString(CliRunner.example("echo.expected"));
    }
}
