package dev.backstep.replay;

import dev.backstep.machine.ImageSymbol;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The state at a trap's icount is the one before the trap entry, whatever way the timeline gets there: trap
 * stops, a breakpoint on the handler's first instruction, seeks, steps back, reverse scans whose window starts
 * exactly at the trap (a snapshot forced there). timer.elf takes timer interrupts; every state is compared by
 * digest with a straight run.
 */
class TrapBoundaryTest {
    private static final TimelineOptions OPTS = TimelineOptions.defaults().withDigestInterval(5_000)
            .withSnapshotInterval(20_000).withSliceInstructions(30_000).withMemoryBudget(16L << 20);

    @TempDir
    Path dir;

    private final List<long[]> seen = new ArrayList<>();

    private void see(Timeline t) {
        seen.add(new long[]{t.icount(), t.machine().digest()});
    }

    @Test
    void trapIcountsShowTheStateBeforeTheEntryEverywhere() throws Exception {
        Path rec = dir.resolve("timer.bsr");
        long length = Examples.record("timer", rec, OPTS);
        RecordingFile file = RecordingReader.read(rec);
        try (Timeline t = Timeline.replay(rec, null, OPTS)) {
            int vector = t.elf().symbols().stream().filter(s -> s.name().equals("trap_entry"))
                    .mapToInt(ImageSymbol::value).findFirst().orElseThrow();

            // 1. the traps, as trap stops see them
            List<Long> traps = new ArrayList<>();
            StopSet onTraps = new StopSet().stopOnTraps(true);
            for (TimelineStop s = t.runForward(onTraps, Long.MAX_VALUE); s.kind() == TimelineStopKind.TRAP;
                 s = t.runForward(onTraps, Long.MAX_VALUE)) {
                assertNotEquals(vector, t.machine().hart().pc(), "trap stop before the entry");
                traps.add(t.icount());
                see(t);
            }
            assertTrue(traps.size() >= 5, "timer.elf takes its timer interrupts: " + traps);

            // 2. a breakpoint on the handler's first instruction stops at the trap's icount, before the entry
            t.seek(0);
            StopSet atVector = new StopSet();
            atVector.addBreakpoint(vector);
            List<Long> bpStops = new ArrayList<>();
            for (TimelineStop s = t.runForward(atVector, Long.MAX_VALUE); s.kind() == TimelineStopKind.BREAKPOINT;
                 s = t.runForward(atVector, Long.MAX_VALUE)) {
                assertTrue(t.stoppedAtTrapEntry(), s.describe());
                assertNotEquals(vector, t.machine().hart().pc(), s.describe());
                assertEquals(t.icount(), s.icount());
                bpStops.add(t.icount());
                see(t);
                // one step enters the trap and runs the handler's first instruction
                t.step();
                assertEquals(s.icount() + 1, t.icount());
                assertNotEquals(vector, t.machine().hart().pc());
                see(t);
                t.stepBack();
                assertEquals(s.icount(), t.icount());
                see(t);
            }
            assertEquals(traps, bpStops);

            // 3. snapshots forced exactly at every trap's icount, then reverse scans whose windows start there
            for (long n : traps) {
                t.seek(n);
                assertTrue(t.snapshotIcounts().contains(n), "snapshot at " + n);
                see(t);
                t.seek(n + 1);
                see(t);
            }
            t.seek(length);
            List<Long> back = new ArrayList<>();
            for (TimelineStop s = t.reverseContinue(onTraps); s.kind() == TimelineStopKind.TRAP; s = t.reverseContinue(onTraps)) {
                back.add(t.icount());
                see(t);
            }
            Collections.reverse(back);
            assertEquals(traps, back, "reverse trap stops, windows starting at the traps");

            t.seek(length);
            List<Long> backBp = new ArrayList<>();
            for (TimelineStop s = t.reverseContinue(atVector); s.kind() == TimelineStopKind.BREAKPOINT; s = t.reverseContinue(atVector)) {
                assertTrue(t.stoppedAtTrapEntry(), s.describe());
                assertNotEquals(vector, t.machine().hart().pc());
                backBp.add(t.icount());
                see(t);
            }
            Collections.reverse(backBp);
            assertEquals(traps, backBp, "reverse breakpoint stops on the handler entry");

            // 4. step back onto each trap's icount, and forward off it
            for (long n : traps) {
                t.seek(n + 1);
                t.stepBack();
                assertEquals(n, t.icount());
                see(t);
                assertFalse(t.stoppedAtTrapEntry());
            }
            for (long n : t.snapshotIcounts()) {
                t.seek(n);
                see(t);
            }
        }
        seen.sort((a, b) -> Long.compare(a[0], b[0]));
        ReferenceRun ref = new ReferenceRun(file);
        for (long[] p : seen) {
            assertEquals(String.format("%016x", ref.digestAt(p[0])), String.format("%016x", p[1]),
                    "state at icount " + p[0] + " differs from a straight run");
        }
    }

    @Test
    void recordingThroughHandlerBreakpointsKeepsDigestsAndSnapshotsBeforeTheEntry() throws Exception {
        // live, with the digest and snapshot intervals tiny so that some stop lands on one of their multiples
        TimelineOptions tiny = OPTS.withDigestInterval(1).withSnapshotInterval(64);
        Path rec = dir.resolve("timer-live.bsr");
        try (Timeline t = Timeline.record(Examples.elf("timer"), rec, Examples.input("timer"),
                dev.backstep.machine.MachineConfig.defaults(), tiny)) {
            int vector = t.elf().symbols().stream().filter(s -> s.name().equals("trap_entry"))
                    .mapToInt(ImageSymbol::value).findFirst().orElseThrow();
            StopSet atVector = new StopSet();
            atVector.addBreakpoint(vector);
            int stops = 0;
            for (TimelineStop s = t.runForward(atVector, Long.MAX_VALUE); s.kind() == TimelineStopKind.BREAKPOINT;
                 s = t.runForward(atVector, Long.MAX_VALUE)) {
                stops++;
                assertNotEquals(vector, t.machine().hart().pc());
            }
            assertTrue(stops >= 5);
        }
        try (Timeline r = Timeline.replay(rec, null, OPTS)) {
            TimelineStop end = r.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.EXIT, end.kind(), end.describe());
            assertNull(r.divergence(), "every digest recorded at a trap's icount is the state before the entry");
        }
    }
}
