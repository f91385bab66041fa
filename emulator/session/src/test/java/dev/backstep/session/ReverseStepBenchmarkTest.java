package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Figures, not assertions on time (shared, noisy machines): reverse next over loop-heavy lines of bench.elf and a
 * reverse continue over 100M instructions, through the session API. Runs only with -Dbackstep.bench=true:
 * {@code ./mvnw -q -B -o -pl emulator/session -am test -Dtest=ReverseStepBenchmarkTest -Dbackstep.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReverseStepBenchmarkTest {

    private static String where(DebugSession s) throws SessionException {
        StackFrame f = s.stackTrace(0, 1).get(0);
        return f.name() + ":" + f.line();
    }

    @Test
    void reverseNextAndReverseContinueFigures() throws Exception {
        assumeTrue(Boolean.getBoolean("backstep.bench"), "benchmark: run with -Dbackstep.bench=true");
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("bench.elf")).withStopOnEntry(true),
                new Examples.Recorder())) {
            s.start();
            // round 1 (the second round): the lines after each call of the loop-heavy functions
            s.setLineBreakpoints("bench.c", List.of(new SourceBreakpoint(173, null, "2", null)));
            Stop at = s.resume();
            assertEquals(StopReason.BREAKPOINT, at.reason(), at.description());
            s.setLineBreakpoints("bench.c", List.of());
            System.out.printf("bench.elf at %s, icount %,d%n", where(s), at.icount());
            for (int i = 0; i < 6; i++) {
                String from = where(s);
                long before = s.stackTrace(0, 1).get(0).line() > 0 ? at.icount() : 0;
                long t0 = System.nanoTime();
                Stop b = s.stepBack(Granularity.LINE);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("  reverse next %s -> %s: %d ms, %,d instructions back%n", from, where(s), ms,
                        before - b.icount());
                at = b;
            }
            // forward again over the same lines (snapshots left by the reverse steps)
            for (int i = 0; i < 3; i++) {
                String from = where(s);
                long t0 = System.nanoTime();
                Stop n = s.next(Granularity.LINE);
                System.out.printf("  next %s -> %s: %d ms, %,d instructions%n", from, where(s),
                        (System.nanoTime() - t0) / 1_000_000, n.icount() - at.icount());
                at = n;
            }

            // reverse continue over 100M instructions: a breakpoint met only near the start of the run
            long target = 100_000_000L + 1_000_000L;
            long t0 = System.nanoTime();
            Stop there = s.seek(target);
            System.out.printf("seek to icount %,d: %d ms%n", there.icount(), (System.nanoTime() - t0) / 1_000_000);
            s.setLineBreakpoints("bench.c", List.of(SourceBreakpoint.at(162)));   // rng_state = ...: once, at the start
            t0 = System.nanoTime();
            Stop rc = s.reverseContinue();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("reverse continue over %,d instructions -> %s at icount %,d (%s): %d ms, %.0f M instr/s%n",
                    there.icount() - rc.icount(), where(s), rc.icount(), rc.reason(), ms,
                    (there.icount() - rc.icount()) / 1e3 / Math.max(1, ms));
            s.seek(target);
            t0 = System.nanoTime();
            rc = s.reverseContinue();
            ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("  again (snapshots left by the first scan): %d ms%n", ms);
            System.out.println("session info: " + s.info());
        }
    }
}
