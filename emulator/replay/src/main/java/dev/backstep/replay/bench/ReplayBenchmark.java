package dev.backstep.replay.bench;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ElfSymbol;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.StopReason;
import dev.backstep.machine.UartOutput;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineOptions;
import dev.backstep.replay.stop.Stop;
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
        new ReplayBenchmark(System.out, translate).run(elf, points);
    }

    /** Runs every benchmark on the ELF (null: the bundled benchloop.elf). */
    public void run(Path elfPath, int points) throws Exception {
        Path work = Files.createTempDirectory("backstep-bench");
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
        try {
            out.printf("ELF: %s (%s)%n", elfPath, translate ? "translator on" : "interpreter only, --no-translate");

            // 1. plain run vs recording run (best of two each, the first warms up the JIT)
            long plain = Long.MAX_VALUE;
            long length = 0;
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                length = plainRun(elfPath);
                plain = Math.min(plain, System.nanoTime() - t0);
            }
            long record = Long.MAX_VALUE;
            int snaps = 0;
            long snapBytes = 0;
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                try (Timeline t = Timeline.record(elfPath, rec, ExternalInput.none(), config(), options())) {
                    t.runForward(StopSet.none(), Long.MAX_VALUE);
                    snaps = t.info().snapshotCount();
                    snapBytes = t.snapshotBytes();
                }
                record = Math.min(record, System.nanoTime() - t0);
            }
            out.printf("instructions:            %,d%n", length);
            out.printf("plain run:               %.2f s (%.1f MIPS)%n", plain / 1e9, length / (plain / 1e3));
            out.printf("record run:              %.2f s (%.1f MIPS), overhead %+.1f %% (target <= 5 %%)%n",
                    record / 1e9, length / (record / 1e3), 100.0 * (record - plain) / plain);
            out.printf("recording file:          %,d bytes; %d snapshots, %.1f MiB at the end of recording%n",
                    Files.size(rec), snaps, snapBytes / 1048576.0);

            try (Timeline t = Timeline.replay(rec, null, options())) {
                long t0 = System.nanoTime();
                t.runForward(StopSet.none(), Long.MAX_VALUE);
                long replay = System.nanoTime() - t0;
                out.printf("full replay:             %.2f s (%.1f MIPS, digests checked)%n", replay / 1e9,
                        length / (replay / 1e3));

                // 2. reverse step latency at random points
                Random r = new Random(1);
                long[] lat = new long[points];
                for (int i = 0; i < points; i++) {
                    long p = 1 + (long) (r.nextDouble() * (length - 1));
                    t.seek(p);
                    long s0 = System.nanoTime();
                    t.stepBack();
                    lat[i] = System.nanoTime() - s0;
                }
                Arrays.sort(lat);
                out.printf("reverse step (%d random points): median %.3f ms, p99 %.3f ms, max %.3f ms "
                                + "(targets 2 / 20 ms)%n", points, lat[points / 2] / 1e6,
                        lat[Math.min(points - 1, (int) (points * 0.99))] / 1e6, lat[points - 1] / 1e6);
                long[] again = new long[50];
                for (int i = 0; i < again.length; i++) {
                    long s0 = System.nanoTime();
                    t.stepBack();
                    again[i] = System.nanoTime() - s0;
                }
                Arrays.sort(again);
                out.printf("reverse step, repeated:  median %.3f ms, max %.3f ms%n", again[25] / 1e6, again[49] / 1e6);

                // 3. reverse continue over N instructions vs forward replay of the same span
                ElfImage elf = t.elf();
                ElfSymbol never = elf.symbol("exit");
                for (long n : new long[]{10_000_000L, 100_000_000L}) {
                    if (n * 2 > length) {
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
                    Stop s = t.reverseContinue(stops);
                    long back = System.nanoTime() - b0;
                    t.removeIcountBreakpoint(ibp);
                    out.printf("reverse continue %,d: %.3f s vs forward %.3f s = %.2fx (target <= 1.1x), stopped: %s%n",
                            n, back / 1e9, fwd / 1e9, (double) back / fwd, s.kind());
                }
                out.printf("snapshots now:           %d, %.1f MiB (budget %d MiB)%n", t.info().snapshotCount(),
                        t.snapshotBytes() / 1048576.0, t.info().memoryBudget() >> 20);
            }
        } finally {
            Files.deleteIfExists(rec);
            Files.deleteIfExists(work.resolve("benchloop.elf"));
            Files.deleteIfExists(work);
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
        StopReason r;
        do {
            r = m.run(Long.MAX_VALUE);
        } while (r != StopReason.EXIT && r != StopReason.IDLE && r != StopReason.TRAP_LOOP);
        return m.icount();
    }
}
