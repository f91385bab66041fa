package dev.backstep.replay;

import dev.backstep.machine.ImageSymbol;
import dev.backstep.machine.Machine;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopPredicate;
import dev.backstep.replay.stop.StopSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The execution index never changes an answer: seeded random operations — reverse continues to breakpoints (with hit
 * counts), write watchpoints, traps of one kind, predicates with candidate pcs, icount breakpoints; forward runs to
 * the same; seeks and steps both ways — run in lockstep on a timeline with a fine-grained index (windows of 2^10
 * instructions, so that programs of a few ten thousand instructions have many) and on one without; every stop must
 * be the same, kind, icount and pc, and so must the state reached. The translator rows translate after a few
 * instructions, so that recording, the index's checks and the skipped-to windows run translated code.
 */
class IndexSameAnswerTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} seed {1}, translator {3}")
    @CsvSource({"corrupt, 11, 500, false", "echo, 12, 500, false", "corrupt, 13, 400, false", "echo, 14, 400, false",
        "corrupt, 21, 400, true", "echo, 22, 400, true", "corrupt, 21, 400, false"})
    void everyStopIsTheSameWithAndWithoutTheIndex(String program, long seed, int ops, boolean translate)
            throws Exception {
        Path rec = dir.resolve(program + ".bsr");
        TimelineOptions opts = TimelineOptions.defaults().withDigestInterval(5_000).withSnapshotInterval(8_000)
                .withMemoryBudget(8L << 20).withSliceInstructions(30_000).withTranslate(translate)
                .withTranslationThreshold(translate ? 16 : 0);
        TimelineOptions indexed = opts.withIndexWindowShift(10);
        long length = Examples.record(program, rec, indexed);
        Random r = new Random(seed);
        try (Timeline with = Timeline.replay(rec, null, indexed);
             Timeline without = Timeline.replay(rec, null, opts.withoutIndex())) {
            assertNotNull(with.executionIndex());
            assertTrue(with.executionIndex().knownWindows() > 5, "the recording's index: " + with.executionIndex());
            assertNull(without.executionIndex());
            List<Integer> code = new ArrayList<>();
            List<ImageSymbol> data = new ArrayList<>();
            for (ImageSymbol s : with.elf().symbols()) {
                if (s.type() == ImageSymbol.STT_FUNC && s.size() > 0 || s.name().equals("trap_entry")) {
                    code.add(s.value());
                    for (int off = 2; off < s.size(); off += 2 + 2 * r.nextInt(8)) {
                        code.add(s.value() + off); // pcs inside functions too (some are not instruction starts)
                    }
                } else if (s.type() == ImageSymbol.STT_OBJECT && s.size() > 0 && Integer.compareUnsigned(s.value(),
                        0x8000_0000) >= 0) {
                    data.add(s);
                } else if (s.name().equals("__stack_top")) {
                    data.add(new ImageSymbol("stack", s.value() - 512, 512, ImageSymbol.STT_OBJECT)); // frames, saved regs
                }
            }
            for (int i = 0; i < ops; i++) {
                int op = r.nextInt(13);
                long a = r.nextLong();
                long b = r.nextLong();
                String what = "op " + i + " (" + op + ") from icount " + with.icount();
                TimelineStop sw = apply(with, op, a, b, code, data, length);
                TimelineStop so = apply(without, op, a, b, code, data, length);
                assertEquals(so.kind(), sw.kind(), what + ": " + so.describe() + " / with index: " + sw.describe());
                assertEquals(so.icount(), sw.icount(), what + ": " + so.describe() + " / with index: " + sw.describe());
                assertEquals(so.pc(), sw.pc(), what);
                assertEquals(without.icount(), with.icount(), what);
                assertEquals(without.machine().digest(), with.machine().digest(), what + ": state differs");
                assertEquals(without.stoppedAtTrapEntry(), with.stoppedAtTrapEntry(), what);
                assertNotEquals(TimelineStopKind.DIVERGENCE, sw.kind(), sw.describe());
                assertNull(with.info().problem(), what + ": index trusted: " + with.info().problem());
            }
            assertTrue(length > 8 * with.executionIndex().windowSize());
            if (translate) {
                assertTrue(with.machine().translationStats().entered() > 0, "translated code ran");
            }
            assertTrue(with.instructionsExecuted() < without.instructionsExecuted(), "the index skipped nothing: "
                    + with.instructionsExecuted() + " instructions executed, " + without.instructionsExecuted()
                    + " without it");
        }
    }

    /** One random operation, the same on both timelines for the same a, b. */
    private static TimelineStop apply(Timeline t, int op, long a, long b, List<Integer> code, List<ImageSymbol> data,
                              long length) {
        Random r = new Random(a);
        int pc = code.get(r.nextInt(code.size()));
        switch (op) {
            case 0 -> {
                return t.seek(Math.floorMod(b, length + 1));
            }
            case 1 -> {
                return t.stepBack();
            }
            case 2 -> {
                return t.step();
            }
            case 3, 4 -> {
                StopSet s = new StopSet();
                s.addBreakpoint(pc);
                if (r.nextInt(4) == 0) {
                    long n = 1 + r.nextInt(3);
                    s.addBreakpoint(code.get(r.nextInt(code.size())), null, hits -> hits == n);
                }
                return t.reverseContinue(s);
            }
            case 5 -> {
                return t.reverseContinue(watch(data, r));
            }
            case 6 -> {
                boolean ex = r.nextBoolean();
                return t.reverseContinue(new StopSet().stopOnTraps(ex, !ex || r.nextBoolean()));
            }
            case 7 -> {
                StopSet s = new StopSet();
                s.addBreakpoint(pc);
                return t.runForward(s, r.nextBoolean() ? Long.MAX_VALUE : t.icount() + 1 + r.nextInt(20_000));
            }
            case 8 -> {
                return t.runForward(watch(data, r), Long.MAX_VALUE);
            }
            case 9 -> {
                int[] cands = {pc, code.get(r.nextInt(code.size())), code.get(r.nextInt(code.size()))};
                int reg = 1 + r.nextInt(31);
                int bit = r.nextInt(4);
                StopSet s = new StopSet().addPredicate(new StopPredicate() {
                    @Override
                    public int[] candidatePcs() {
                        return cands;
                    }

                    @Override
                    public boolean test(Machine m, long icount) {
                        return (m.hart().x(reg) >>> bit & 1) == 0;
                    }
                });
                return r.nextBoolean() ? t.reverseContinue(s) : t.runForward(s, Long.MAX_VALUE);
            }
            case 10 -> {
                long at = Math.floorMod(b, Math.max(1, t.icount()));
                int id = t.addIcountBreakpoint(at);
                StopSet s = new StopSet();
                s.addBreakpoint(pc);
                try {
                    return t.reverseContinue(s);
                } finally {
                    t.removeIcountBreakpoint(id);
                }
            }
            case 11 -> {
                StopSet s = new StopSet().stopOnTraps(r.nextBoolean(), true);
                return t.runForward(s, Long.MAX_VALUE);
            }
            default -> {
                StopSet s = new StopSet();
                s.addBreakpoint(pc);
                Consumer<StopSet> extra = x -> x.addWatchpoint(dataAddress(data, r), 4, false, true);
                extra.accept(s);
                return t.reverseContinue(s);
            }
        }
    }

    private static StopSet watch(List<ImageSymbol> data, Random r) {
        StopSet s = new StopSet();
        ImageSymbol d = data.get(r.nextInt(data.size()));
        int len = Math.max(1, Math.min(d.size(), 1 + r.nextInt(8)));
        s.addWatchpoint(d.value() + r.nextInt(Math.max(1, d.size() - len + 1)), len, false, true);
        return s;
    }

    private static int dataAddress(List<ImageSymbol> data, Random r) {
        ImageSymbol d = data.get(r.nextInt(data.size()));
        return d.value() + r.nextInt(Math.max(1, d.size()));
    }
}
