package dev.backstep.cli;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.MachineStopReason;
import dev.backstep.machine.UartOutput;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineOptions;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.index.ExecutionIndex;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.session.DataAccess;
import dev.backstep.session.DataBreakpoint;
import dev.backstep.session.DebugSession;
import dev.backstep.session.Granularity;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.SessionListener;
import dev.backstep.session.SourceBreakpoint;
import dev.backstep.session.Stop;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The execution index's figures, printed (no assertions), on the RTOS-like example (examples/rtos.c: a tick every
 * 10^6 instructions, a busy idle loop, a worker every 10^9 instructions; main blocks in receive() for each round):
 * index overhead while recording and index bytes per 10^9 instructions; then, from the line after the blocking call in
 * round 2, the long reverse operations with the index and without it — reverse next across the blocking call, a
 * reverse next of 3 instructions next to it, a step back after those, reverse continue to a breakpoint last hit in round
 * 1 and to the write of a data breakpoint in round 1 (10^9 instructions back each), and forward again — with the time,
 * the instructions replayed and the snapshots added by each.
 */
final class IndexBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private final PrintStream out;

    IndexBenchmark(PrintStream out) {
        this.out = out;
    }

    /** A timed run: wall and CPU nanoseconds of this thread. */
    private record Timed(long wall, long cpu) {
    }

    /** One user operation, measured. */
    private record Op(String what, double ms, long replayed, int snapshotsAdded, long icount, int line, String fn) {
    }

    void run(Path elfArg, int runs, int repeat) throws Exception {
        Path work = Files.createTempDirectory("backstep-bench-index");
        Path elf = elfArg;
        try {
            if (elf == null) {
                elf = bundled("rtos.elf", work);
            }
            Path source = bundled("rtos.c", work);
            List<String> lines = Files.readAllLines(source);
            int callLine = lineOf(lines, "uint32_t got = receive(&box);");
            out.printf("ELF: %s%n", elfArg == null ? "bundled rtos.elf (examples/rtos.c)" : elf);
            out.printf("the machine is shared: every figure below is one of several runs, compare them with care%n%n");

            Path with = work.resolve("with-index.bsr");
            Path without = work.resolve("without-index.bsr");
            long length = recording(elf, with, without, runs);
            indexSize(with, without, length);

            List<Op> a = operations(with, callLine, true, repeat);
            List<Op> b = operations(with, callLine, false, 1);
            out.printf("%n%-58s %22s %22s%n", "operation (from round 2, line after the blocking call)", "with index",
                    "without index");
            for (int i = 0; i < a.size(); i++) {
                Op x = a.get(i);
                Op y = b.get(i);
                out.printf("%-58s %13.1f ms %6s %13.1f ms %6s%n", x.what(), x.ms(), "", y.ms(), "");
                out.printf("    %-54s %22s %22s%n", "stopped at", x.fn() + ":" + x.line() + " @" + x.icount(),
                        y.fn() + ":" + y.line() + " @" + y.icount());
                out.printf("    %-54s %22s %22s%n", "instructions replayed (windows of 2^20)",
                        String.format("%,d (%d)", x.replayed(), windows(x.replayed())),
                        String.format("%,d (%d)", y.replayed(), windows(y.replayed())));
                out.printf("    %-54s %22d %22d%n", "snapshots added", x.snapshotsAdded(), y.snapshotsAdded());
            }
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    private static long windows(long instructions) {
        return (instructions + (1L << 20) - 1) >> 20;
    }

    private static Path bundled(String name, Path dir) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = IndexBenchmark.class.getResourceAsStream("bench/" + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled " + name + " missing");
            }
            Files.copy(in, p);
        }
        return p;
    }

    private static int lineOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("rtos.c has no line with " + text);
    }

    // ------------------------------------------------------------------ recording

    /** Plain runs, recordings with and without the index, interleaved; prints them; returns the length. */
    private long recording(Path elf, Path with, Path without, int runs) throws Exception {
        List<Timed> plain = new ArrayList<>();
        List<Timed> rec = new ArrayList<>();
        List<Timed> recNo = new ArrayList<>();
        long length = 0;
        for (int r = 0; r <= runs; r++) { // the first round warms the JIT up and is not counted
            long t0 = System.nanoTime();
            long c0 = CPU.getCurrentThreadCpuTime();
            length = plainRun(elf);
            Timed p = new Timed(System.nanoTime() - t0, CPU.getCurrentThreadCpuTime() - c0);
            Timed y = record(elf, with, TimelineOptions.defaults());
            Timed n = record(elf, without, TimelineOptions.defaults().withoutIndex());
            if (r > 0) {
                plain.add(p);
                rec.add(y);
                recNo.add(n);
            }
            out.printf("round %d: plain %.2f s, record with index %.2f s, without %.2f s (CPU %.2f / %.2f / %.2f s)%n",
                    r, p.wall() / 1e9, y.wall() / 1e9, n.wall() / 1e9, p.cpu() / 1e9, y.cpu() / 1e9, n.cpu() / 1e9);
        }
        out.printf("instructions:                    %,d%n", length);
        out.printf("plain run (median of %d):         %.2f s wall, %.2f s CPU (%.0f MIPS per CPU second)%n", runs,
                median(plain, false) / 1e9, median(plain, true) / 1e9, length / (median(plain, true) / 1e3));
        out.printf("record without index (median):   %.2f s wall, %.2f s CPU%n", median(recNo, false) / 1e9,
                median(recNo, true) / 1e9);
        out.printf("record with index (median):      %.2f s wall, %.2f s CPU%n", median(rec, false) / 1e9,
                median(rec, true) / 1e9);
        out.printf("index overhead on recording:     %+.1f %% (CPU, medians), %+.1f %% (CPU, best of each), "
                        + "%+.1f %% (wall, medians) (target <= 3 %%)%n",
                pct(median(rec, true), median(recNo, true)), pct(best(rec), best(recNo)),
                pct(median(rec, false), median(recNo, false)));
        return length;
    }

    private static double pct(double a, double b) {
        return 100.0 * (a - b) / b;
    }

    private static double median(List<Timed> l, boolean cpu) {
        long[] v = l.stream().mapToLong(t -> cpu ? t.cpu() : t.wall()).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static double best(List<Timed> l) {
        return l.stream().mapToLong(Timed::cpu).min().orElse(0);
    }

    private static long plainRun(Path elf) throws Exception {
        Machine m = new Machine(MachineConfig.defaults(), ExternalInput.none(), UartOutput.discard());
        m.load(ElfImage.read(elf));
        MachineStopReason r;
        do {
            r = m.run(Long.MAX_VALUE);
        } while (r != MachineStopReason.EXIT && r != MachineStopReason.IDLE && r != MachineStopReason.TRAP_LOOP);
        return m.icount();
    }

    private static Timed record(Path elf, Path out, TimelineOptions opts) throws Exception {
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        try (Timeline t = Timeline.record(elf, out, ExternalInput.none(), MachineConfig.defaults(), opts)) {
            t.runForward(StopSet.none(), Long.MAX_VALUE);
        }
        return new Timed(System.nanoTime() - t0, CPU.getCurrentThreadCpuTime() - c0);
    }

    private void indexSize(Path with, Path without, long length) throws Exception {
        RecordingFile f = RecordingReader.read(with);
        ExecutionIndex x = f.index();
        long fileBytes = Files.size(with) - Files.size(without);
        double per = 1e9 / length;
        out.printf("index in the recording:          %,d bytes (%,.0f per 10^9 instructions; target <= 1 MiB), "
                        + "%d windows of 2^%d, %d distinct summaries%n", fileBytes, fileBytes * per,
                x.knownWindows(), x.windowShift(), x.distinctSummaries());
        out.printf("index in memory:                 about %,d bytes (%,.0f per 10^9 instructions)%n", x.heapBytes(),
                x.heapBytes() * per);
    }

    // ------------------------------------------------------------------ the reverse operations

    /** The operations on a replay of the recording, with or without the index; each one {@code repeat} times. */
    private List<Op> operations(Path rec, int callLine, boolean indexed, int repeat) throws Exception {
        int afterLine = callLine + 1;
        int printLine = callLine + 2;
        out.printf("%nreplay session %s the index: running to round 2...%n", indexed ? "with" : "without");
        LaunchSpec spec = LaunchSpec.replay(rec, null).withIndexWindowShift(indexed
                ? LaunchSpec.DEFAULT_INDEX_WINDOW_SHIFT : 0);
        List<List<Op>> rounds = new ArrayList<>();
        try (DebugSession s = DebugSession.open(spec, new SessionListener() { })) {
            s.setLineBreakpoints("rtos.c", List.of(SourceBreakpoint.at(afterLine)));
            Stop st = s.start();
            st = s.resume();
            s.setLineBreakpoints("rtos.c", List.of());
            long round2 = st.icount();
            out.printf("round 2, line %d: icount %,d; %d snapshots%n", line(s), round2, s.snapshotIcounts().size());
            for (int r = 0; r < repeat; r++) {
                List<Op> ops = new ArrayList<>();
                s.seek(round2);
                ops.add(measure(s, "reverse next across the blocking call", () -> s.stepBack(Granularity.LINE)));
                s.seek(round2);
                for (int i = 0; i < 3; i++) {
                    s.next(Granularity.INSTRUCTION);
                }
                ops.add(measure(s, "reverse next 3 instructions back, next to the call",
                        () -> s.stepBack(Granularity.LINE)));
                ops.add(measure(s, "step back one instruction after those",
                        () -> s.stepBack(Granularity.INSTRUCTION)));
                s.seek(round2);
                s.setLineBreakpoints("rtos.c", List.of(SourceBreakpoint.at(printLine)));
                ops.add(measure(s, "reverse continue to a breakpoint last hit in round 1", s::reverseContinue));
                s.setLineBreakpoints("rtos.c", List.of());
                s.seek(round2);
                String dataId = s.dataBreakpointInfoForExpression("worker_result", 0).dataId();
                s.setDataBreakpoints(List.of(new DataBreakpoint(dataId, DataAccess.WRITE, null, null)));
                ops.add(measure(s, "data breakpoint: reverse continue to the last write", s::reverseContinue));
                ops.add(measure(s, "data breakpoint: reverse continue to round 1's write", s::reverseContinue));
                s.resume(); // past round 1's write (the stop is on the writing instruction)
                ops.add(measure(s, "data breakpoint: continue forward to round 2's write", s::resume));
                s.setDataBreakpoints(List.of());
                rounds.add(ops);
                if (r == 0 && repeat > 1) {
                    out.printf("(the operations again %d times, from the same place: the first round is above)%n",
                            repeat - 1);
                }
            }
        }
        if (repeat > 1) {
            for (int i = 0; i < rounds.get(0).size(); i++) {
                int k = i;
                double[] ms = rounds.stream().mapToDouble(l -> l.get(k).ms()).toArray();
                out.printf("  %-56s %s ms%n", rounds.get(0).get(i).what(), Arrays.toString(Arrays.stream(ms)
                        .mapToObj(v -> String.format("%.1f", v)).toArray()));
            }
        }
        return rounds.get(0);
    }

    @FunctionalInterface
    private interface UserOp {
        Stop run() throws Exception;
    }

    private static Op measure(DebugSession s, String what, UserOp op) throws Exception {
        int snaps = s.snapshotIcounts().size();
        long replayed = s.instructionsExecuted();
        long t0 = System.nanoTime();
        Stop st = op.run();
        double ms = (System.nanoTime() - t0) / 1e6;
        return new Op(what, ms, s.instructionsExecuted() - replayed, s.snapshotIcounts().size() - snaps, st.icount(),
                line(s), s.stackTrace(0, 1).get(0).name());
    }

    private static int line(DebugSession s) throws Exception {
        return s.stackTrace(0, 1).get(0).line();
    }
}
