package dev.backstep.replay.bench;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ImageSymbol;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.MachineStopReason;
import dev.backstep.machine.UartOutput;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineOptions;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.StopSet;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Replay benchmarks, printed (no assertions): record overhead against a plain run, reverse-step
 * latency at random points of a long recording, reverse-continue time against forward replay of the
 * same span, snapshot count and bytes.
 *
 * <p>Usage: {@code ReplayBenchmark [prog.elf] [--points N]}; without an ELF it uses the bundled
 * benchloop.elf (the examples' bench, three times: about 1.2 * 10^9 instructions).
 */
public final class ReplayBenchmark {
    private final PrintStream out;
    private final boolean translate;

    public ReplayBenchmark(PrintStream out) {
        this(out, true);
    }

    /** @param translate whether the machines translate hot code (false: the interpreter runs everything) */
    public ReplayBenchmark(PrintStream out, boolean translate) {
        this.out = out;
        this.translate = translate;
    }

    public static void main(String[] args) throws Exception {
        Path elf = null;
        int points = 200;
        boolean translate = true;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-translate")) {
                translate = false;
            } else if (args[i].equals("--points") && i + 1 < args.length) {
                points = Integer.parseInt(args[++i]);
            } else {
                elf = Path.of(args[i]);
            }
        }
        ReplayBenchmark bench = new ReplayBenchmark(System.out, translate);
        bench.run(elf, points);
    }

    /** Record overhead against a plain run, percent. */
    static final double TARGET_RECORD_OVERHEAD = 5;
    /** Reverse step latency, median and p99, milliseconds. */
    static final double TARGET_STEP_MEDIAN_MS = 2;
    static final double TARGET_STEP_P99_MS = 20;
    /** Reverse continue time against forward replay of the same span. */
    static final double TARGET_REVERSE_RATIO = 1.1;

    private volatile boolean cancelled;
    private volatile Timeline current;
    private volatile Machine currentMachine;
    private int missed;

    /** Stops the benchmark soon (Ctrl-C): the running phase ends early, nothing more runs, the files are removed. */
    public void cancel() {
        cancelled = true;
        Timeline t = current;
        if (t != null) {
            t.cancel();
        }
        Machine m = currentMachine;
        if (m != null) {
            m.interrupt();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Figures that missed their target in the last {@link #run}. */
    public int missedTargets() {
        return missed;
    }

    /** "" when the figure meets its target, else a flag that stands out in the listing. */
    private String target(boolean met, String target) {
        if (met) {
            return " (target " + target + ")";
        }
        missed++;
        return " (target " + target + ": MISSED)";
    }

    /**
     * Runs every benchmark on the ELF (null: the bundled benchloop.elf), printing each run as it finishes. The
     * temporary folder is removed on every way out, {@link #cancel()} included.
     */
    public void run(Path elfPath, int points) throws Exception {
        missed = 0;
        Path work = Files.createTempDirectory("backstep-bench");
        try {
            runIn(work, elfPath, points);
        } finally {
            current = null;
            currentMachine = null;
            try (var files = Files.list(work)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
        if (!cancelled) {
            out.printf(missed == 0 ? "all figures met their targets%n" : "%d figure(s) MISSED their target%n", missed);
        }
    }

    private void runIn(Path work, Path elfPath, int points) throws Exception {
        if (elfPath == null) {
            elfPath = work.resolve("benchloop.elf");
            try (InputStream in = ReplayBenchmark.class.getResourceAsStream("benchloop.elf")) {
                if (in == null) {
                    throw new IllegalStateException("bundled benchloop.elf missing");
                }
                Files.copy(in, elfPath);
            }
        }
        Path rec = work.resolve("run.bsr");
        out.printf("ELF: %s (%s)%n", elfPath, translate ? "translator on" : "interpreter only, --no-translate");

        // 1. plain run vs recording run (best of two each, the first warms up the JIT)
        long plain = Long.MAX_VALUE;
        long length = 0;
        for (int i = 0; i < 2 && !cancelled; i++) {
            long t0 = System.nanoTime();
            length = plainRun(elfPath);
            long took = System.nanoTime() - t0;
            plain = Math.min(plain, took);
            out.printf("  plain run %d/2:         %.2f s (%.1f MIPS)%n", i + 1, took / 1e9, length / (took / 1e3));
            out.flush();
        }
        long record = Long.MAX_VALUE;
        int snaps = 0;
        long snapBytes = 0;
        for (int i = 0; i < 2 && !cancelled; i++) {
            long t0 = System.nanoTime();
            try (Timeline t = Timeline.record(elfPath, rec, ExternalInput.none(), config(), options())) {
                current = t;
                t.runForward(StopSet.none(), Long.MAX_VALUE);
                snaps = t.info().snapshotCount();
                snapBytes = t.snapshotBytes();
            }
            long took = System.nanoTime() - t0;
            record = Math.min(record, took);
            out.printf("  record run %d/2:        %.2f s (%.1f MIPS)%n", i + 1, took / 1e9, length / (took / 1e3));
            out.flush();
        }
        if (cancelled) {
            return;
        }
        double overhead = 100.0 * (record - plain) / plain;
        out.printf("instructions:            %,d%n", length);
        out.printf("plain run:               %.2f s (%.1f MIPS)%n", plain / 1e9, length / (plain / 1e3));
        out.printf("record run:              %.2f s (%.1f MIPS), overhead %+.1f %%%s%n",
                record / 1e9, length / (record / 1e3), overhead, target(overhead <= TARGET_RECORD_OVERHEAD, "<= 5 %"));
        out.printf("recording file:          %,d bytes; %d snapshots, %.1f MiB at the end of recording%n",
                Files.size(rec), snaps, snapBytes / 1048576.0);
        out.flush();

        try (Timeline t = Timeline.replay(rec, null, options())) {
            current = t;
            long t0 = System.nanoTime();
            t.runForward(StopSet.none(), Long.MAX_VALUE);
            long replay = System.nanoTime() - t0;
            if (cancelled) {
                return;
            }
            out.printf("full replay:             %.2f s (%.1f MIPS, digests checked)%n", replay / 1e9,
                    length / (replay / 1e3));
            out.flush();

            // 2. reverse step latency at random points
            Random r = new Random(1);
            long[] lat = new long[points];
            int done = 0;
            for (int i = 0; i < points && !cancelled; i++) {
                long p = 1 + (long) (r.nextDouble() * (length - 1));
                t.seek(p);
                long s0 = System.nanoTime();
                t.stepBack();
                lat[i] = System.nanoTime() - s0;
                done++;
                if (points >= 20 && done % (points / 4) == 0) {
                    out.printf("  reverse steps:         %d of %d done%n", done, points);
                    out.flush();
                }
            }
            if (cancelled) {
                return;
            }
            Arrays.sort(lat);
            double median = lat[points / 2] / 1e6;
            double p99 = lat[Math.min(points - 1, (int) (points * 0.99))] / 1e6;
            out.printf("reverse step (%d random points): median %.3f ms%s, p99 %.3f ms%s, max %.3f ms%n", points,
                    median, target(median <= TARGET_STEP_MEDIAN_MS, "2 ms"),
                    p99, target(p99 <= TARGET_STEP_P99_MS, "20 ms"), lat[points - 1] / 1e6);
            long[] again = new long[50];
            for (int i = 0; i < again.length; i++) {
                long s0 = System.nanoTime();
                t.stepBack();
                again[i] = System.nanoTime() - s0;
            }
            Arrays.sort(again);
            out.printf("reverse step, repeated:  median %.3f ms, max %.3f ms%n", again[25] / 1e6, again[49] / 1e6);
            out.flush();

            // 3. reverse continue over N instructions vs forward replay of the same span
            ElfImage elf = t.elf();
            ImageSymbol never = elf.symbol("exit");
            for (long n : new long[]{10_000_000L, 100_000_000L}) {
                if (n * 2 > length || cancelled) {
                    continue;
                }
                long at = length / 2 + n;
                StopSet stops = new StopSet();
                if (never != null) {
                    stops.addBreakpoint(never.value()); // a breakpoint that never hits in the span
                }
                t.seek(at - n);
                long f0 = System.nanoTime();
                t.runForward(stops, at);
                long fwd = System.nanoTime() - f0;
                int ibp = t.addIcountBreakpoint(at - n);
                long b0 = System.nanoTime();
                TimelineStop s = t.reverseContinue(stops);
                long back = System.nanoTime() - b0;
                t.removeIcountBreakpoint(ibp);
                if (cancelled) {
                    return;
                }
                double ratio = (double) back / fwd;
                out.printf("reverse continue %,d: %.3f s vs forward %.3f s = %.2fx%s, stopped: %s%n",
                        n, back / 1e9, fwd / 1e9, ratio, target(ratio <= TARGET_REVERSE_RATIO, "<= 1.1x"), s.kind());
                out.flush();
            }
            out.printf("snapshots now:           %d, %.1f MiB (budget %d MiB)%n", t.info().snapshotCount(),
                    t.snapshotBytes() / 1048576.0, t.info().memoryBudget() >> 20);
        }
    }

    private MachineConfig config() {
        return MachineConfig.defaults().withTranslate(translate);
    }

    private TimelineOptions options() {
        return TimelineOptions.defaults().withTranslate(translate);
    }

    private long plainRun(Path elfPath) throws Exception {
        Machine m = new Machine(config(), ExternalInput.none(), UartOutput.discard());
        m.load(ElfImage.read(elfPath));
        currentMachine = m;
        MachineStopReason r;
        do {
            r = m.run(Long.MAX_VALUE);
        } while (r != MachineStopReason.EXIT && r != MachineStopReason.IDLE && r != MachineStopReason.TRAP_LOOP && !cancelled);
        return m.icount();
    }
}
