package dev.backstep.replay;

import dev.backstep.machine.ImageSymbol;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Thousands of seeded random seeks, steps, step-backs, forward and reverse continues over real
 * recordings (UART input with interrupts, timer interrupts); every position reached is compared by
 * digest with a straight forward run, and every reverse continue is checked to have found the LAST hit.
 */
class RandomTimeTravelTest {

    @TempDir
    Path dir;

    /**
     * The reference is a straight run of the interpreter; the timeline under test runs either the interpreter alone or
     * the translator (which then translates after a few instructions, so that recording, seeks and scans go through
     * translated code), with the execution index at its default windows, fine ones (many windows skipped or not), or
     * none.
     */
    @ParameterizedTest(name = "{0} seed {1}, translator {3}, index windows of 2^{4}")
    @CsvSource({"echo, 1, 1000, false, 20", "timer, 2, 1000, false, 20", "corrupt, 3, 800, false, 20",
        "hello, 4, 400, false, 20",
        "echo, 5, 1000, true, 20", "timer, 6, 1000, true, 20", "corrupt, 7, 800, true, 20", "hello, 8, 400, true, 20",
        "echo, 5, 800, false, 10", "corrupt, 6, 800, false, 10", "corrupt, 7, 600, false, 0",
        "echo, 15, 800, true, 10", "corrupt, 16, 800, true, 10", "timer, 17, 800, true, 10",
        "corrupt, 18, 600, true, 0"})
    void randomOperationsMatchAStraightRun(String program, long seed, int ops, boolean translate, int indexShift)
            throws Exception {
        Path rec = dir.resolve(program + ".bsr");
        // small intervals so that windows, digests and thinning all come into play on short programs
        TimelineOptions opts = TimelineOptions.defaults().withDigestInterval(5_000).withSnapshotInterval(20_000)
                .withMemoryBudget(8L << 20).withSliceInstructions(30_000).withTranslate(translate)
                .withTranslationThreshold(16).withIndexWindowShift(indexShift);
        long length = Examples.record(program, rec, opts);
        RecordingFile file = RecordingReader.read(rec);
        assertTrue(file.complete(), "recording complete");
        assertEquals(length, file.validUpTo());

        Random r = new Random(seed);
        List<long[]> seen = new ArrayList<>();   // {icount, digest}
        List<Integer> pcs = new ArrayList<>();
        try (Timeline t = Timeline.replay(rec, null, opts)) {
            assertEquals(translate, t.machine().translationStats().enabled());
            for (ImageSymbol s : t.elf().symbols()) {
                if ((s.type() == ImageSymbol.STT_FUNC && s.size() > 0) || s.name().equals("trap_entry")) {
                    pcs.add(s.value());   // trap_entry: breakpoints met by trap entries
                }
            }
            for (int i = 0; i < ops; i++) {
                int op = r.nextInt(10);
                long before = t.icount();
                TimelineStop s;
                switch (op) {
                    case 0, 1 -> {
                        long target = (long) (r.nextDouble() * (length + 1));
                        s = t.seek(target);
                        assertEquals(Math.min(target, length), t.icount(), s.describe());
                    }
                    case 2, 3, 4 -> {
                        s = t.stepBack();
                        assertEquals(Math.max(0, before - 1), t.icount(), s.describe());
                    }
                    case 5 -> {
                        s = t.step();
                        assertEquals(Math.min(before + 1, length), t.icount(), s.describe());
                    }
                    case 6, 7 -> {
                        StopSet stops = new StopSet();
                        int pc = pcs.get(r.nextInt(pcs.size()));
                        stops.addBreakpoint(pc);
                        s = t.reverseContinue(stops);
                        assertTrue(t.icount() < before || before == 0, s.describe());
                        if (s.kind() == TimelineStopKind.BREAKPOINT) {
                            if (!t.stoppedAtTrapEntry()) {
                                assertEquals(pc, t.machine().hart().pc());
                            }
                            record(seen, t);
                            // it was the last hit: going forward from it meets no hit before the origin
                            TimelineStop f = t.runForward(stops, before);
                            assertEquals(before, t.icount(), "hit between reverse stop and origin: " + f.describe());
                        } else {
                            assertEquals(TimelineStopKind.START_OF_RECORDING, s.kind(), s.describe());
                            assertEquals(0, t.icount());
                            record(seen, t);
                            TimelineStop f = t.runForward(stops, before);
                            assertEquals(before, t.icount(), "missed hit: " + f.describe());
                        }
                    }
                    case 8 -> {
                        StopSet stops = new StopSet().stopOnTraps(true);
                        s = t.reverseContinue(stops);
                        if (s.kind() == TimelineStopKind.TRAP) {
                            record(seen, t);
                            TimelineStop f = t.runForward(stops, before);
                            assertEquals(before, t.icount(), "trap between reverse stop and origin: " + f.describe());
                        }
                    }
                    default -> {
                        StopSet stops = new StopSet();
                        stops.addBreakpoint(pcs.get(r.nextInt(pcs.size())));
                        s = t.runForward(stops, before + 1 + r.nextInt(200_000));
                    }
                }
                assertNotEquals(TimelineStopKind.DIVERGENCE, s.kind(), s.describe());
                assertNotEquals(TimelineStopKind.RECORDING_DAMAGED, s.kind(), s.describe());
                assertTrue(t.snapshotBytes() <= opts.memoryBudget(), "over budget: " + t.snapshotBytes());
                assertTrue(t.snapshotIcounts().contains(0L));
                record(seen, t);
            }
            if (translate) {
                assertTrue(t.machine().translationStats().entered() > 0, "translated code ran");
            }
        }
        seen.sort((a, b) -> Long.compare(a[0], b[0]));
        ReferenceRun ref = new ReferenceRun(file);
        for (long[] p : seen) {
            assertEquals(String.format("%016x", ref.digestAt(p[0])), String.format("%016x", p[1]),
                    "state at icount " + p[0] + " differs from a straight run");
        }
    }

    private static void record(List<long[]> seen, Timeline t) {
        seen.add(new long[]{t.icount(), t.machine().digest()});
    }
}
