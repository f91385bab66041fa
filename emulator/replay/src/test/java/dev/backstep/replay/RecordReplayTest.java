package dev.backstep.replay;

import dev.backstep.machine.ImageSymbol;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.format.EventKind;
import dev.backstep.replay.format.RecordingEnd;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.format.RecordingWriter;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class RecordReplayTest {
    private static final TimelineOptions OPTS = TimelineOptions.defaults().withDigestInterval(5_000)
            .withSnapshotInterval(20_000);

    @TempDir
    Path dir;

    private String expected(String program) throws IOException {
        return Files.readString(Examples.root().resolve("emulator/examples/" + program + ".expected"));
    }

    @Test
    void recordThenReplayReproducesOutputAndDigests() throws Exception {
        Path rec = dir.resolve("echo.bsr");
        StringBuilder live = new StringBuilder();
        RunSummary r = new Recorder().record(Examples.elf("echo"), rec, Examples.input("echo"),
                MachineConfig.defaults(), OPTS, new TimelineListener() {
                    @Override
                    public void output(byte b, long icount) {
                        live.append((char) b);
                    }
                });
        assertTrue(r.ok(), r.describe());
        assertEquals(expected("echo"), live.toString());
        assertTrue(r.events() > 0);

        StringBuilder replayed = new StringBuilder();
        RunSummary p = new Replayer().replay(rec, null, OPTS, new TimelineListener() {
            @Override
            public void output(byte b, long icount) {
                replayed.append((char) b);
            }
        });
        assertTrue(p.ok(), p.describe());
        assertEquals(live.toString(), replayed.toString());
        assertEquals(r.icount(), p.icount());
        assertTrue(p.digestsVerified() >= 2, p.describe());
        String info = RecordingSummary.describe(rec);
        assertTrue(info.contains("UART RX"), info);
        assertTrue(info.contains("integrity       OK"), info);
    }

    @Test
    void outputIsEmittedOnceWhateverTheTimelineDoes() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Timeline t = Timeline.record(Examples.elf("hello"), null, null, MachineConfig.defaults(), OPTS)) {
            t.setListener(new TimelineListener() {
                @Override
                public void output(byte b, long icount) {
                    out.append((char) b);
                }
            });
            t.runForward(StopSet.none(), 2000);
            t.seek(0);
            t.runForward(StopSet.none(), 1500);
            t.stepBack();
            TimelineStop end = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.EXIT, end.kind(), end.describe());
            long n = t.icount();
            t.seek(n / 2);
            t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(expected("hello"), out.toString());
            assertEquals(expected("hello"), new String(t.output().all(), StandardCharsets.ISO_8859_1));
            assertTrue(t.output().bytesBefore(n / 2).length <= out.length());
            TimelineStop past = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(n, t.icount(), past.describe());
        }
    }

    /** Offset of the first byte after the embedded ELF: the event chunks follow. */
    private static int eventsStart(byte[] file, byte[] elf) {
        outer:
        for (int i = 0; i + elf.length <= file.length; i++) {
            for (int j = 0; j < elf.length; j++) {
                if (file[i + j] != elf[j]) {
                    continue outer;
                }
            }
            return i + elf.length + 4;
        }
        throw new AssertionError("ELF not embedded");
    }

    @Test
    void truncatedRecordingsReplayTheirGoodPrefix() throws Exception {
        Path rec = dir.resolve("echo.bsr");
        Examples.record("echo", rec, OPTS);
        byte[] full = Files.readAllBytes(rec);
        RecordingFile whole = RecordingReader.read(rec);
        int from = eventsStart(full, whole.elfBytes());
        int checked = 0;
        for (int cut = full.length - 1; cut > from; cut -= Math.max(1, (full.length - from) / 37)) {
            Path part = dir.resolve("cut" + cut + ".bsr");
            Files.write(part, Arrays.copyOf(full, cut));
            RecordingFile f = RecordingReader.read(part);
            ReferenceRun ref = new ReferenceRun(whole);
            try (Timeline t = Timeline.replay(part, null, OPTS)) {
                TimelineStop s = t.runForward(StopSet.none(), Long.MAX_VALUE);
                assertEquals(f.validUpTo(), t.icount(), s.describe());
                if (f.validUpTo() < whole.validUpTo()) {
                    assertEquals(TimelineStopKind.RECORDING_DAMAGED, s.kind(), s.describe());
                    assertTrue(s.message().contains("icount " + f.validUpTo()), s.message());
                    if (f.damage() != null) {
                        assertTrue(s.message().contains("file offset " + f.damage().fileOffset()), s.message());
                    }
                } else {
                    assertEquals(TimelineStopKind.EXIT, s.kind(), s.describe()); // cut in the END chunk only
                }
                assertEquals(ref.digestAt(t.icount()), t.machine().digest(), "prefix state at " + t.icount());
                // and the prefix supports time travel
                t.seek(t.icount() / 2);
                assertEquals(f.validUpTo() / 2, t.icount());
                checked++;
            }
        }
        assertTrue(checked > 10, "checked " + checked);
    }

    @Test
    void corruptedChunkStopsAtItsOffsetAndThePrefixReplays() throws Exception {
        Path rec = dir.resolve("echo.bsr");
        Examples.record("echo", rec, OPTS);
        byte[] bad = Files.readAllBytes(rec);
        RecordingFile whole = RecordingReader.read(rec);
        int from = eventsStart(bad, whole.elfBytes());
        int at = from + (bad.length - from) / 2;
        bad[at] ^= 0x40;
        Path broken = dir.resolve("broken.bsr");
        Files.write(broken, bad);
        RecordingFile f = RecordingReader.read(broken);
        assertNotNull(f.damage());
        assertTrue(f.damage().fileOffset() <= at);
        try (Timeline t = Timeline.replay(broken, null, OPTS)) {
            TimelineStop s = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.RECORDING_DAMAGED, s.kind());
            assertTrue(s.message().contains("file offset " + f.damage().fileOffset()), s.message());
            assertEquals(f.validUpTo(), t.icount());
            assertTrue(t.icount() > 0);
            assertEquals(new ReferenceRun(whole).digestAt(t.icount()), t.machine().digest());
        }
    }

    @Test
    void tamperedEventIsDetectedAsDivergence() throws Exception {
        Path rec = dir.resolve("echo.bsr");
        Examples.record("echo", rec, OPTS);
        RecordingFile f = RecordingReader.read(rec);
        java.util.List<Integer> uart = new java.util.ArrayList<>();
        for (int i = 0; i < f.events().size(); i++) {
            if (f.events().kind(i) == EventKind.UART_RX) {
                uart.add(i);
            }
        }
        assertTrue(uart.size() > 3, "UART events: " + uart.size());
        int victim = uart.get(uart.size() / 2);
        assertTrue(victim > 0);
        long tamperedAt = f.events().icount(victim);
        Path tampered = dir.resolve("tampered.bsr");
        Files.write(tampered, rewrite(f, victim));
        try (Timeline t = Timeline.replay(tampered, null, OPTS)) {
            TimelineStop s = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.DIVERGENCE, s.kind(), s.describe());
            assertNotNull(t.divergence());
            assertTrue(t.divergence().icount() >= tamperedAt, t.divergence().toString());
            assertTrue(s.message().contains("icount " + t.divergence().icount()), s.message());
            // the good prefix still replays
            TimelineStop back = t.seek(tamperedAt);
            assertEquals(tamperedAt, t.icount(), back.describe());
        }
    }

    @Test
    void differentElfIsRejected() throws Exception {
        Path rec = dir.resolve("hello.bsr");
        Examples.record("hello", rec, OPTS);
        IOException e = assertThrows(IOException.class, () -> Timeline.replay(rec, Examples.elf("timer"), OPTS));
        assertTrue(e.getMessage().contains("different ELF"), e.getMessage());
    }

    /** The recording again with the bytes of one UART event changed (valid CRCs: only replay can tell). */
    private static byte[] rewrite(RecordingFile f, int tamper) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        RecordingWriter w = new RecordingWriter(bos, f.header(), f.elfBytes());
        int d = 0;
        for (int i = 0; i <= f.events().size(); i++) {
            long ic = i < f.events().size() ? f.events().icount(i) : Long.MAX_VALUE;
            while (d < f.digests().size() && f.digests().icount(d) <= ic) {
                w.value(f.digests().icount(d), EventKind.DIGEST, f.digests().digest(d));
                d++;
            }
            if (i == f.events().size()) {
                break;
            }
            if (f.events().kind(i) == EventKind.UART_RX) {
                byte[] b = f.events().data(i);
                if (i == tamper) {
                    b[0] = (byte) (b[0] == 'x' ? 'y' : 'x');
                }
                w.uart(ic, b, 0, b.length);
            } else {
                w.value(ic, f.events().kind(i), f.events().value(i));
            }
        }
        w.finish(f.end());
        w.close();
        return bos.toByteArray();
    }

    @Test
    void reverseWatchpointFindsTheWrite() throws Exception {
        try (Timeline t = Timeline.record(Examples.elf("corrupt"), null, null, MachineConfig.defaults(), OPTS)) {
            TimelineStop end = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.EXIT, end.kind());
            ImageSymbol config = t.elf().symbol("config");
            assertNotNull(config);
            int limitAddr = config.value();
            assertEquals(5, t.machine().memory().read32(limitAddr));
            long endIcount = t.icount();

            StopSet stops = new StopSet();
            int id = stops.addWatchpoint(limitAddr, 4, false, true).id();
            TimelineStop s = t.reverseContinue(stops);
            assertEquals(TimelineStopKind.WATCHPOINT, s.kind(), s.describe());
            assertEquals(id, s.breakpointId());
            assertTrue(s.watchWrite());
            // ON the writing instruction: state before the write, pc = the writer
            assertEquals(s.watchPc(), t.machine().hart().pc());
            assertEquals(s.icount(), t.icount());
            int before = t.machine().memory().read32(limitAddr);
            long writer = t.icount();

            // forward continue stops after it
            TimelineStop f = t.runForward(stops, Long.MAX_VALUE);
            assertEquals(TimelineStopKind.WATCHPOINT, f.kind(), f.describe());
            assertEquals(writer + 1, t.icount());
            assertEquals(s.watchPc(), f.watchPc());
            assertEquals(5, t.machine().memory().read32(limitAddr));
            assertNotEquals(5, before);

            // reverse from just after the write finds that same write
            TimelineStop again = t.reverseContinue(stops);
            assertEquals(writer, again.icount(), again.describe());

            // going on backwards reaches the first write, configure() storing 75 over 0, then the start
            int last = before;
            TimelineStop earlier;
            int writes = 1;
            while ((earlier = t.reverseContinue(stops)).kind() == TimelineStopKind.WATCHPOINT) {
                assertTrue(earlier.icount() < writer);
                last = t.machine().memory().read32(limitAddr);
                writes++;
                assertTrue(writes < 50);
            }
            assertEquals(TimelineStopKind.START_OF_RECORDING, earlier.kind());
            assertEquals(0, last);
            assertTrue(writes >= 2);
            assertTrue(endIcount > writer);
        }
    }

    @Test
    void memoryBudgetIsKeptOnALongRun() throws Exception {
        long budget = 4L << 20;
        TimelineOptions opts = TimelineOptions.defaults().withMemoryBudget(budget).withSnapshotInterval(50_000);
        try (Timeline t = Timeline.record(Examples.elf("bench"), null, null, MachineConfig.defaults(), opts)) {
            for (int i = 0; i < 40; i++) {
                t.runForward(StopSet.none(), t.icount() + 500_000);
                assertTrue(t.snapshotBytes() <= budget, "snapshots use " + t.snapshotBytes() + " > " + budget);
            }
            long pos = t.icount();
            for (int i = 0; i < 30; i++) {
                t.stepBack();
                assertTrue(t.snapshotBytes() <= budget);
            }
            assertEquals(pos - 30, t.icount());
            assertTrue(t.snapshotIcounts().contains(0L));
            assertTrue(t.snapshotIcounts().size() > 5, t.snapshotIcounts().toString());
        }
    }

    @Test
    void cancelFromAnotherThreadEndsAReverseScan() throws Exception {
        try (Timeline t = Timeline.record(Examples.elf("bench"), null, null, MachineConfig.defaults(),
                TimelineOptions.defaults())) {
            t.runForward(StopSet.none(), 30_000_000);
            StopSet stops = new StopSet();
            stops.addWatchpoint(0x8000_0000, 4, false, true); // code page: never written
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException ignored) {
                }
                t.cancel();
            });
            canceller.start();
            TimelineStop s = t.reverseContinue(stops);
            canceller.join();
            assertTrue(s.kind() == TimelineStopKind.CANCELLED || s.kind() == TimelineStopKind.START_OF_RECORDING, s.describe());
            if (s.kind() == TimelineStopKind.CANCELLED) {
                assertEquals(30_000_000, t.icount());
            }
        }
    }

    @Test
    void icountBreakpointsBothWays() throws Exception {
        long length = Examples.record("timer", null, OPTS);
        long at = length / 3;
        try (Timeline t = Timeline.record(Examples.elf("timer"), null, null, MachineConfig.defaults(), OPTS)) {
            int id = t.addIcountBreakpoint(at);
            TimelineStop s = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.ICOUNT_BREAKPOINT, s.kind());
            assertEquals(id, s.breakpointId());
            assertEquals(at, t.icount());
            t.runForward(StopSet.none(), 2 * at);
            TimelineStop b = t.reverseContinue(StopSet.none());
            assertEquals(at, b.icount(), b.describe());
            assertTrue(t.removeIcountBreakpoint(id));
            assertEquals(TimelineStopKind.START_OF_RECORDING, t.reverseContinue(StopSet.none()).kind());
            assertEquals(TimelineStopKind.START_OF_RECORDING, t.stepBack().kind());
        }
    }
}
