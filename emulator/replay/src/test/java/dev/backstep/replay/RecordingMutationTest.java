package dev.backstep.replay;

import dev.backstep.replay.format.RecordingCorruptException;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingFormat;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The recording mutator: a real recording (echo with its input: UART, idle waits, digests, index, END) truncated at
 * every chunk boundary and inside every chunk, and with bits flipped in the framing, payload and checksum of every
 * chunk (fixed seeds). Every outcome is a clear report naming the damaged chunk's kind and offset, and the replay runs
 * exactly as far as the report says, with the output the original run had up to there; nothing throws anything else.
 * {@code -Dbackstep.mutations=N} flips N bits per chunk instead of 4.
 */
class RecordingMutationTest {
    private static final TimelineOptions OPTS = TimelineOptions.defaults().withDigestInterval(2_000)
            .withIndexWindowShift(12).withTranslate(false);
    private static final int FLIPS = Integer.getInteger("backstep.mutations", 4);
    private static final Set<TimelineStopKind> ENDS = EnumSet.of(TimelineStopKind.EXIT,
            TimelineStopKind.END_OF_RECORDING, TimelineStopKind.RECORDING_DAMAGED, TimelineStopKind.IDLE);

    @TempDir
    static Path dir;
    static byte[] original;
    static byte[] originalOutput;
    static long originalLength;
    static List<long[]> chunks; // {offset, type, total length}

    @BeforeAll
    static void record() throws Exception {
        Path rec = dir.resolve("echo.bsr");
        Examples.record("echo", rec, OPTS);
        original = Files.readAllBytes(rec);
        try (Timeline t = Timeline.replay(rec, null, OPTS)) {
            t.runForward(StopSet.none(), Long.MAX_VALUE);
            originalOutput = t.output().all();
            originalLength = t.icount();
        }
        chunks = new ArrayList<>();
        int pos = RecordingFormat.MAGIC.length;
        while (pos < original.length) {
            int len = (original[pos + 1] & 0xFF) | (original[pos + 2] & 0xFF) << 8 | (original[pos + 3] & 0xFF) << 16
                    | (original[pos + 4] & 0xFF) << 24;
            chunks.add(new long[] {pos, original[pos], RecordingFormat.CHUNK_OVERHEAD + len});
            pos += RecordingFormat.CHUNK_OVERHEAD + len;
        }
    }

    @Test
    void theRecordingHasEveryChunkKind() {
        Set<Long> kinds = new java.util.HashSet<>();
        chunks.forEach(c -> kinds.add(c[1]));
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L), kinds, "header, ELF, events, END and index chunks");
        assertTrue(chunks.stream().filter(c -> c[1] == RecordingFormat.CHUNK_EVENTS).count() >= 3, "several EVENTS");
    }

    @Test
    void truncationsAtEveryChunkBoundaryAndInside() throws Exception {
        int n = 0;
        for (long[] c : chunks) {
            int at = (int) c[0];
            int len = (int) c[2];
            for (int cut : new int[] {at, at + 1, at + 5, at + len / 2, at + len - 1}) {
                if (cut > at && cut >= at + len) {
                    continue;
                }
                check(Arrays.copyOf(original, cut), "cut at " + cut, at, (int) c[1], false);
                n++;
            }
        }
        assertTrue(n > 20, n + " truncations");
    }

    @Test
    void bitFlipsInTheFramingPayloadAndChecksumOfEveryChunk() throws Exception {
        SplittableRandom random = new SplittableRandom(18);
        int n = 0;
        for (long[] c : chunks) {
            int at = (int) c[0];
            int len = (int) c[2];
            List<Integer> places = new ArrayList<>(List.of(at, at + 1, at + 4, at + len - 1));
            for (int i = 0; i < FLIPS; i++) {
                places.add(at + 5 + random.nextInt(Math.max(1, len - RecordingFormat.CHUNK_OVERHEAD)));
            }
            for (int place : places) {
                byte[] bad = original.clone();
                bad[place] ^= (byte) (1 << random.nextInt(8));
                check(bad, "bit flip at " + place, at, (int) c[1], true);
                n++;
            }
        }
        assertTrue(n > 40, n + " flips");
    }

    @Test
    void aDamagedElfChunkKeepsEveryEventAndReplaysInFullWithTheElfFile() throws Exception {
        long[] elf = chunks.stream().filter(c -> c[1] == RecordingFormat.CHUNK_ELF).findFirst().orElseThrow();
        byte[] bad = original.clone();
        bad[(int) elf[0] + 100] ^= 1;
        Path p = write(bad);
        RecordingFile f = RecordingReader.read(p);
        assertNull(f.elfBytes());
        assertEquals(originalLength, f.validUpTo(), "events after the ELF chunk are kept");
        assertFalse(f.damage().limitsReplay());
        assertTrue(f.damage().describe().contains("(ELF chunk)") && f.damage().describe().contains("file offset "
                + elf[0]), f.damage().describe());
        IOException e = assertThrows(IOException.class, () -> Timeline.replay(f, p, null, OPTS));
        assertTrue(e.getMessage().contains("embedded copy of echo.elf is damaged"), e.getMessage());
        try (Timeline t = Timeline.replay(f, p, Examples.elf("echo"), OPTS)) {
            TimelineStop stop = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.EXIT, stop.kind(), stop.describe());
            assertEquals(originalLength, t.icount());
            assertArrayEquals(originalOutput, t.output().all());
        }
    }

    @Test
    void aDamagedEndChunkSaysSoAndReplaysEveryEvent() throws Exception {
        long[] end = chunks.get(chunks.size() - 1);
        assertEquals(RecordingFormat.CHUNK_END, end[1]);
        byte[] bad = original.clone();
        bad[(int) end[0] + 7] ^= 0x10;
        Path p = write(bad);
        RecordingFile f = RecordingReader.read(p);
        String why = f.damage().describe();
        assertTrue(why.contains("file offset " + end[0] + " (END chunk)") && why.contains("how the run ended is lost"),
                why);
        try (Timeline t = Timeline.replay(f, p, null, OPTS)) {
            TimelineStop stop = t.runForward(StopSet.none(), Long.MAX_VALUE);
            // the events reach the run's end, where the program re-executes its exit; else the damage is the stop
            assertTrue(stop.kind() == TimelineStopKind.EXIT || stop.kind() == TimelineStopKind.RECORDING_DAMAGED
                    && stop.describe().contains("END chunk"), stop.describe());
            assertEquals(originalLength, t.icount());
            assertArrayEquals(originalOutput, t.output().all(), "all the output replays");
        }
    }

    @Test
    void aDamagedIndexChunkDropsOnlyTheIndex() throws Exception {
        long[] index = chunks.stream().filter(c -> c[1] == RecordingFormat.CHUNK_INDEX).findFirst().orElseThrow();
        byte[] bad = original.clone();
        bad[(int) index[0] + 6] ^= 4;
        Path p = write(bad);
        RecordingFile f = RecordingReader.read(p);
        assertNull(f.index());
        assertEquals(originalLength, f.validUpTo());
        assertTrue(f.damage().describe().contains("(INDEX chunk)"), f.damage().describe());
        assertTrue(f.damage().describe().contains("execution index is dropped"), f.damage().describe());
        try (Timeline t = Timeline.replay(f, p, null, OPTS)) {
            assertEquals(TimelineStopKind.EXIT, t.runForward(StopSet.none(), Long.MAX_VALUE).kind());
            assertArrayEquals(originalOutput, t.output().all());
        }
    }

    @Test
    void aDamagedEventsChunkNamesItAndWhatTheRestOfTheFileHolds() throws Exception {
        List<long[]> events = chunks.stream().filter(c -> c[1] == RecordingFormat.CHUNK_EVENTS).toList();
        long[] middle = events.get(events.size() / 2);
        byte[] bad = original.clone();
        bad[(int) middle[0] + 12] ^= 2;
        Path p = write(bad);
        RecordingFile f = RecordingReader.read(p);
        String why = f.damage().describe();
        assertTrue(why.contains("file offset " + middle[0] + " (EVENTS chunk)"), why);
        assertTrue(why.contains("the input events it held are lost"), why);
        assertTrue(why.contains("the run ended at icount " + originalLength), why);
        assertTrue(f.validUpTo() < originalLength);
    }

    private static Path write(byte[] bytes) throws IOException {
        Path p = Files.createTempFile(dir, "m", ".bsr");
        Files.write(p, bytes);
        return p;
    }

    /** One mutated file: a clear report, and a replay exactly as far as the report says. */
    private static void check(byte[] bytes, String what, int chunkAt, int chunkType, boolean flipped) throws Exception {
        Path p = write(bytes);
        RecordingFile f;
        try {
            f = RecordingReader.read(p);
        } catch (RecordingCorruptException e) {
            assertTrue(chunkType == RecordingFormat.CHUNK_HEADER, what + ": only the header is fatal: " + e.getMessage());
            assertTrue(e.getMessage().contains("file offset"), e.getMessage());
            return;
        }
        if (f.damage() == null) {
            assertTrue(!flipped && bytes.length == chunkAt, what + ": an undamaged file can only be a cut at a boundary");
            assertTrue(f.end() == null || bytes.length == original.length, what);
        } else {
            String why = f.damage().describe();
            assertTrue(why.startsWith("recording damaged at file offset " + chunkAt + " ("), what + ": " + why);
            assertTrue(why.contains("chunk"), what + ": " + why);
            assertTrue(why.contains("icount") || !f.damage().limitsReplay(), what + ": " + why);
        }
        Path elf = f.elfBytes() == null ? Examples.elf("echo") : null;
        try (Timeline t = Timeline.replay(f, p, elf, OPTS)) {
            TimelineStop stop = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertTrue(ENDS.contains(stop.kind()), what + ": " + stop.describe());
            assertEquals(f.validUpTo(), t.icount(), what + ": the replay goes as far as the report says");
            byte[] out = t.output().all();
            assertArrayEquals(Arrays.copyOf(originalOutput, out.length), out, what + ": output as recorded");
            if (f.replaysInFull()) {
                assertEquals(originalLength, t.icount(), what);
                assertArrayEquals(originalOutput, out, what);
            }
        }
    }
}
