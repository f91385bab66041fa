package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Translated code against the interpreter on seeded random programs (see {@link RandomProgram}). */
class TranslatorDifferentialTest {
    private static final int SEEDS = 150;
    private static final int[] MAX_STEPS = {2, 12, 60, 300, 2000};

    @Test
    void randomProgramsAgreeAtRandomStops() {
        long entered = 0;
        long enteredTracked = 0;
        long exits = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            EnginePair p = EnginePair.ofCode("seed " + seed, RandomProgram.generate(seed));
            if (seed % 2 == 1) {
                p.trackActivity(); // odd seeds: with the execution index's marks, as replays run
            }
            MachineStopReason end = p.runRandomly(new Random(seed * 7919L), MAX_STEPS[seed % MAX_STEPS.length], 400_000, 400);
            if (end != MachineStopReason.EXIT) {
                end = p.runTo(400_000); // the rest in one go
            }
            TranslationStats stats = p.translator.translationStats();
            assertEquals(0, stats.failures(), "seed " + seed + ": translation failed: " + p.translator.translator().lastFailure());
            entered += stats.entered();
            enteredTracked += seed % 2 == 1 ? stats.entered() : 0;
            exits += end == MachineStopReason.EXIT ? 1 : 0;
        }
        assertTrue(entered > SEEDS * 10L, "translated code hardly ran: " + entered + " entries");
        assertTrue(enteredTracked > SEEDS * 5L, "translated code hardly ran with marks: " + enteredTracked);
        assertTrue(exits > SEEDS / 2, "most programs should reach the test finisher: " + exits);
    }

    @Test
    void randomProgramsAgreeWhenRunInOneGo() {
        for (int seed = 1000; seed < 1000 + SEEDS / 3; seed++) {
            EnginePair p = EnginePair.ofCode("seed " + seed, RandomProgram.generate(seed));
            if (seed % 2 == 0) {
                p.trackActivity();
            }
            p.runTo(400_000);
        }
    }
}
