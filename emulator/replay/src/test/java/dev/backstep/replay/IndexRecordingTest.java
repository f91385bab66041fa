package dev.backstep.replay;

import dev.backstep.machine.Activity;
import dev.backstep.machine.ImageSymbol;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.format.RecordingExporter;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingFormat;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.index.ExecutionIndex;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The execution index in recordings: the one a record session writes equals the one a replay rebuilds from the
 * recording alone, however the session moved about while recording; an older recording without one gets it built as
 * it replays; a recording whose index disagrees with its replay is caught; translated code marks what the interpreter
 * marks, so a recording made with the translator has the index an interpreting replay builds, and the other way round.
 */
class IndexRecordingTest {
    private static final TimelineOptions OPTS = TimelineOptions.defaults().withDigestInterval(5_000)
            .withSnapshotInterval(8_000).withSliceInstructions(30_000).withIndexWindowShift(10);

    @TempDir
    Path dir;

    /** The index a replay builds from a recording without one (exported without its index), run to the end. */
    private ExecutionIndex rebuilt(Path rec) throws Exception {
        return rebuilt(rec, OPTS);
    }

    private ExecutionIndex rebuilt(Path rec, TimelineOptions opts) throws Exception {
        RecordingFile f = RecordingReader.read(rec);
        Path bare = dir.resolve("bare-" + rec.getFileName());
        RecordingExporter.export(withoutIndex(f), null, bare);
        assertNull(RecordingReader.read(bare).index(), "exported without an index");
        try (Timeline t = Timeline.replay(bare, null, opts)) {
            t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertNull(t.info().problem());
            return t.executionIndex().copy();
        }
    }

    /**
     * Recorded with the translator on (translating after a few instructions, so that most of the run is translated
     * code), the index is the one an interpreting replay builds and checks, window by window; recorded by the
     * interpreter, the one a translating replay builds.
     */
    @Test
    void theIndexDoesNotDependOnTheTranslator() throws Exception {
        TimelineOptions translating = OPTS.withTranslate(true).withTranslationThreshold(16);
        TimelineOptions interpreting = OPTS.withTranslate(false);
        for (String program : new String[] {"corrupt", "echo"}) {
            Path rec = dir.resolve(program + "-translated.bsr");
            try (Timeline t = Timeline.record(Examples.elf(program), rec, Examples.input(program),
                    MachineConfig.defaults(), translating)) {
                t.runForward(StopSet.none(), Long.MAX_VALUE);
                assertTrue(t.machine().translationStats().entered() > 0, program + ": translated code ran");
            }
            ExecutionIndex written = RecordingReader.read(rec).index();
            assertNotNull(written);
            assertTrue(written.knownWindows() > 5, program + ": " + written);
            try (Timeline t = Timeline.replay(rec, null, interpreting)) {
                assertFalse(t.machine().translationStats().enabled());
                TimelineStop end = t.runForward(StopSet.none(), Long.MAX_VALUE);
                assertEquals(TimelineStopKind.EXIT, end.kind(), end.describe());
                assertNull(t.info().problem(), program + ": the interpreter accepts the index: " + t.info().problem());
                assertEquals(written, t.executionIndex(), program);
            }
            assertEquals(written, rebuilt(rec, interpreting), program + ": rebuilt by the interpreter");
            Path interpreted = dir.resolve(program + "-interpreted.bsr");
            Examples.record(program, interpreted, interpreting);
            assertEquals(written, RecordingReader.read(interpreted).index(), program + ": recorded by the interpreter");
            assertEquals(written, rebuilt(interpreted, translating), program + ": rebuilt by the translator");
        }
    }

    private static RecordingFile withoutIndex(RecordingFile f) {
        return new RecordingFile(f.header(), f.elfBytes(), f.events(), f.digests(), f.validUpTo(), f.end(), f.damage(),
                f.chunks(), f.fileSize(), f.edits(), null);
    }

    @Test
    void theIndexWrittenWhileRecordingEqualsTheOneRebuiltFromTheRecording() throws Exception {
        for (String program : new String[] {"corrupt", "echo"}) {
            Path rec = dir.resolve(program + ".bsr");
            long length = Examples.record(program, rec, OPTS);
            RecordingFile f = RecordingReader.read(rec);
            assertEquals(RecordingFormat.VERSION, f.header().formatVersion());
            ExecutionIndex written = f.index();
            assertNotNull(written, "INDEX chunks in the file");
            assertEquals(length / 1024, written.knownWindows(), program + ": every whole window: " + written);
            assertEquals(length, written.tailEnd(), program + ": and the tail");
            assertEquals(written, rebuilt(rec), program);
        }
    }

    /** A session that goes back and forth while recording (reverse scans, seeks, stops) still writes the exact index. */
    @Test
    void movingAboutWhileRecordingWritesTheSameIndex() throws Exception {
        Path straight = dir.resolve("straight.bsr");
        Examples.record("corrupt", straight, OPTS);
        Path wandering = dir.resolve("wandering.bsr");
        Random r = new Random(5);
        try (Timeline t = Timeline.record(Examples.elf("corrupt"), wandering, Examples.input("corrupt"),
                MachineConfig.defaults(), OPTS)) {
            int[] funcs = t.elf().symbols().stream().filter(s -> s.type() == ImageSymbol.STT_FUNC && s.size() > 0)
                    .mapToInt(ImageSymbol::value).toArray();
            for (int round = 0; round < 1000 && !t.info().complete(); round++) {
                StopSet stops = new StopSet();
                stops.addBreakpoint(funcs[r.nextInt(funcs.length)]);
                t.runForward(stops, t.icount() + 1 + r.nextInt(3000));
                switch (r.nextInt(4)) {
                    case 0 -> t.reverseContinue(stops);
                    case 1 -> t.seek(r.nextInt((int) Math.max(1, t.icount())));
                    case 2 -> t.stepBack();
                    default -> t.reverseContinue(new StopSet().stopOnTraps(true));
                }
                t.seek(t.recordedLength()); // back to the frontier: recording goes on from there
            }
            assertTrue(t.info().complete(), "the program ended");
        }
        ExecutionIndex a = RecordingReader.read(straight).index();
        ExecutionIndex b = RecordingReader.read(wandering).index();
        assertEquals(a, b);
        assertEquals(a, rebuilt(wandering));
    }

    /** A version 1 recording (no index) replays, gets its index built as it goes, and answers like a new one. */
    @Test
    void anOlderRecordingGetsItsIndexBuiltOnFirstReplay() throws Exception {
        Path rec = dir.resolve("echo.bsr");
        Examples.record("echo", rec, OPTS);
        RecordingFile f = RecordingReader.read(rec);
        Path bare = dir.resolve("bare.bsr");
        RecordingExporter.export(withoutIndex(f), null, bare);
        Path v1 = dir.resolve("v1.bsr");
        Files.write(v1, asVersion1(Files.readAllBytes(bare)));
        RecordingFile old = RecordingReader.read(v1);
        assertEquals(1, old.header().formatVersion());
        assertTrue(old.complete());
        assertNull(old.index());
        try (Timeline t = Timeline.replay(v1, null, OPTS)) {
            assertEquals(0, t.executionIndex().knownWindows());
            TimelineStop end = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.EXIT, end.kind(), end.describe());
            assertEquals(f.index(), t.executionIndex(), "built on the first replay");
            // and used: a reverse continue to the start-up code skips the windows between the program's end and start
            StopSet stops = new StopSet();
            stops.addBreakpoint(t.elf().symbol("_start").value());
            long before = t.instructionsExecuted();
            TimelineStop s = t.reverseContinue(stops);
            assertEquals(TimelineStopKind.BREAKPOINT, s.kind(), s.describe());
            assertTrue(t.instructionsExecuted() - before < t.recordedLength() / 2,
                    "replayed " + (t.instructionsExecuted() - before) + " of " + t.recordedLength());
        }
    }

    /** A recording whose index says something its replay does not do is caught, and its index is not trusted. */
    @Test
    void anIndexThatDisagreesWithTheReplayIsDropped() throws Exception {
        Path rec = dir.resolve("corrupt.bsr");
        Examples.record("corrupt", rec, OPTS);
        RecordingFile f = RecordingReader.read(rec);
        ExecutionIndex wrong = f.index().copy();
        wrong.put(3, Activity.NONE); // says window 3 did nothing
        Path bad = dir.resolve("bad.bsr");
        RecordingExporter.export(new RecordingFile(f.header(), f.elfBytes(), f.events(), f.digests(), f.validUpTo(),
                f.end(), f.damage(), f.chunks(), f.fileSize(), f.edits(), wrong), null, bad);
        try (Timeline t = Timeline.replay(bad, null, OPTS)) {
            assertEquals(Activity.NONE, t.executionIndex().window(3));
            t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertNotNull(t.info().problem());
            assertTrue(t.info().problem().contains("execution index"), t.info().problem());
            assertEquals(f.index().window(3), t.executionIndex().window(3), "rebuilt");
        }
    }

    /** The bytes of a current recording as version 1 wrote it: the same chunks, the header's version 1. */
    private static byte[] asVersion1(byte[] file) {
        int at = RecordingFormat.MAGIC.length;
        int len = (file[at + 1] & 0xFF) | (file[at + 2] & 0xFF) << 8 | (file[at + 3] & 0xFF) << 16
                | (file[at + 4] & 0xFF) << 24;
        byte[] out = file.clone();
        out[at + 5] = 1; // u16 version, little-endian
        out[at + 6] = 0;
        CRC32C crc = new CRC32C();
        crc.update(out, at, 5 + len);
        int c = (int) crc.getValue();
        int p = at + 5 + len;
        out[p] = (byte) c;
        out[p + 1] = (byte) (c >>> 8);
        out[p + 2] = (byte) (c >>> 16);
        out[p + 3] = (byte) (c >>> 24);
        return out;
    }
}
