package dev.backstep.replay;

import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.format.EventKind;
import dev.backstep.replay.format.RecordingEnd;
import dev.backstep.replay.format.RecordingExporter;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.format.StateEdit;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A recording kept in memory, saved to a file afterwards, reads back and replays like one written as it ran. */
class RecordingExporterTest {
    private static final TimelineOptions OPTS = TimelineOptions.defaults().withDigestInterval(5_000)
            .withSnapshotInterval(20_000);

    @TempDir
    Path dir;

    @Test
    void aFinishedInMemoryRecordingSavesTheSameRecordingAsAFileWrittenLive() throws Exception {
        Path live = dir.resolve("live.bsr");
        Examples.record("echo", live, OPTS);
        Path saved = dir.resolve("saved.bsr");
        try (Timeline t = Timeline.record(Examples.elf("echo"), null, Examples.input("echo"), MachineConfig.defaults(), OPTS)) {
            assertEquals(TimelineStopKind.EXIT, t.runForward(StopSet.none(), Long.MAX_VALUE).kind());
            t.seek(t.icount() / 2); // where the user happens to be does not matter
            assertNull(t.info().file());
            RecordingExporter.export(t.recordingSoFar(), null, saved);
        }
        RecordingFile a = RecordingReader.read(live);
        RecordingFile b = RecordingReader.read(saved);
        assertTrue(b.complete(), "saved file has its END and no damage");
        assertEquals(a.end(), b.end());
        assertEquals(a.validUpTo(), b.validUpTo());
        assertEquals(a.header().elfDigest(), b.header().elfDigest());
        assertEquals(a.header().digestInterval(), b.header().digestInterval());
        assertArrayEquals(a.elfBytes(), b.elfBytes());
        assertSameEvents(a, b);

        RunSummary r = new Replayer().replay(saved, null, OPTS, null);
        assertTrue(r.ok(), r.describe());
        assertEquals(a.end().finalIcount(), r.icount());
        assertEquals(TimelineStopKind.EXIT, r.stop().kind());
    }

    @Test
    void aRunStillGoingIsSavedUpToItsFrontierWithItsStateEdits() throws Exception {
        Path saved = dir.resolve("partial.bsr");
        long frontier;
        int address = (int) (MachineConfig.RAM_BASE + (64L << 20));
        TimelineOptions opts = OPTS.withDigestInterval(1_000);
        try (Timeline t = Timeline.record(Examples.elf("echo"), null, Examples.input("echo"), MachineConfig.defaults(), opts)) {
            t.runForward(StopSet.none(), 3_456);
            t.edit(StateEdit.Target.MEMORY, address, new byte[] {1, 2, 3, 4});
            t.runForward(StopSet.none(), 8_765);
            frontier = t.icount();
            t.seek(100);
            RecordingFile soFar = t.recordingSoFar();
            assertNull(soFar.end(), "the run goes on");
            RecordingExporter.export(soFar, new RecordingEnd(soFar.validUpTo(), "DETACHED", 0), saved);
        }
        RecordingFile f = RecordingReader.read(saved);
        assertTrue(f.complete());
        assertEquals(frontier, f.validUpTo());
        assertEquals("DETACHED", f.end().stopReason());
        assertEquals(List.of(StateEdit.memory(3_456, address, new byte[] {1, 2, 3, 4})), f.edits());

        RunSummary r = new Replayer().replay(saved, null, opts, null);
        assertTrue(r.ok(), r.describe());
        assertEquals(frontier, r.icount());
        assertEquals(TimelineStopKind.END_OF_RECORDING, r.stop().kind());
        assertTrue(r.digestsVerified() >= 4, "the edit is replayed, so the digests after it match: " + r.describe());
    }

    @Test
    void aReplayedRecordingSavesToAnEquivalentFile() throws Exception {
        Path original = dir.resolve("original.bsr");
        Examples.record("echo", original, OPTS);
        Path copy = dir.resolve("copy.bsr");
        try (Timeline t = Timeline.replay(original, null, OPTS)) {
            RecordingExporter.export(t.recordingSoFar(), null, copy);
        }
        RecordingFile a = RecordingReader.read(original);
        RecordingFile b = RecordingReader.read(copy);
        assertEquals(a.end(), b.end());
        assertEquals(a.header(), b.header());
        assertSameEvents(a, b);
    }

    @Test
    void aFailedSaveLeavesNoFileBehindAndKeepsTheOldOne() throws Exception {
        Path original = dir.resolve("original.bsr");
        Examples.record("echo", original, OPTS);
        RecordingFile rec = RecordingReader.read(original);
        assertThrows(IOException.class, () -> RecordingExporter.export(rec, null, dir.resolve("no/such/dir/x.bsr")));

        Path target = dir.resolve("target.bsr");
        Files.writeString(target, "old");
        RecordingExporter.export(rec, null, target);
        assertTrue(RecordingReader.read(target).complete(), "replaced atomically");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
        }
    }

    private static void assertSameEvents(RecordingFile a, RecordingFile b) {
        assertEquals(a.events().size(), b.events().size());
        for (int i = 0; i < a.events().size(); i++) {
            assertEquals(a.events().icount(i), b.events().icount(i));
            assertEquals(a.events().kind(i), b.events().kind(i));
            if (a.events().kind(i) == EventKind.UART_RX) {
                assertArrayEquals(a.events().data(i), b.events().data(i));
            } else {
                assertEquals(a.events().value(i), b.events().value(i));
            }
        }
        assertEquals(a.digests().size(), b.digests().size());
        for (int i = 0; i < a.digests().size(); i++) {
            assertEquals(a.digests().icount(i), b.digests().icount(i));
            assertEquals(a.digests().digest(i), b.digests().digest(i));
        }
        assertEquals(a.edits(), b.edits());
    }
}
