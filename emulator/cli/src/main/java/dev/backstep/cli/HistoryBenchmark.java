package dev.backstep.cli;

import dev.backstep.session.DebugSession;
import dev.backstep.session.HistoryEntry;
import dev.backstep.session.HistoryPage;
import dev.backstep.session.HistoryQuery;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.SessionListener;
import dev.backstep.session.Stop;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Whole-recording queries' figures, printed (no assertions), on the RTOS-like example (examples/rtos.c: a tick every
 * 10^6 instructions, a worker every 10^9, 2 rounds): the recording is made once; then in a replay of it that has run
 * to its end (as a user who looks back from there), the forward replay time of the whole recording beside the value
 * history of worker_result (written once per 10^9 instructions), of tick_count (every 10^6) and the line history of
 * the worker's first line, each with the execution index and without it: time, time to the first entry, entries,
 * instructions replayed and skipped.
 */
final class HistoryBenchmark {
    private final PrintStream out;

    HistoryBenchmark(PrintStream out) {
        this.out = out;
    }

    /** One query, measured. */
    private record Result(String what, double ms, double firstMs, int entries, long replayed, long skipped) {
    }

    void run(Path elfArg, int repeat) throws Exception {
        Path work = Files.createTempDirectory("backstep-bench-history");
        try {
            Path elf = elfArg != null ? elfArg : bundled("rtos.elf", work);
            Path source = bundled("rtos.c", work);
            int workerLine = lineOf(Files.readAllLines(source), "worker_runs++;");
            out.printf("ELF: %s%n", elfArg == null ? "bundled rtos.elf (examples/rtos.c)" : elf);
            out.printf("the machine is shared: every figure below is one of several runs, compare them with care%n%n");
            Path rec = work.resolve("rtos.bsr");
            long t0 = System.nanoTime();
            long length;
            try (DebugSession s = DebugSession.open(LaunchSpec.record(elf).withRecording(rec), quiet())) {
                Stop end = s.start();
                length = end.icount();
            }
            out.printf("recorded %,d instructions in %.1f s%n%n", length, (System.nanoTime() - t0) / 1e9);
            for (boolean indexed : new boolean[] {true, false}) {
                for (int r = 0; r < (indexed ? repeat : 1); r++) {
                    session(rec, elf, source, workerLine, indexed, length);
                }
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

    private void session(Path rec, Path elf, Path source, int workerLine, boolean indexed, long length) throws Exception {
        LaunchSpec spec = LaunchSpec.replay(rec, elf);
        if (!indexed) {
            spec = spec.withIndexWindowShift(0);
        }
        try (DebugSession s = DebugSession.open(spec, quiet())) {
            long t = System.nanoTime();
            Stop end = s.start();
            double replayMs = (System.nanoTime() - t) / 1e6;
            out.printf("%s: forward replay of the whole recording (%,d instructions) %.0f ms%n",
                    indexed ? "with the index (windows of 2^20)" : "without the index", end.icount(), replayMs);
            List<Result> results = List.of(
                    measure(s, "value history of worker_result", (c) -> s.valueHistory(
                            HistoryQuery.values("worker_result", 0).limit(HistoryQuery.MAX_ENTRIES), c)),
                    measure(s, "value history of tick_count", (c) -> s.valueHistory(
                            HistoryQuery.values("tick_count", 0).limit(HistoryQuery.MAX_ENTRIES), c)),
                    measure(s, "line history of rtos.c:" + workerLine + " (worker)", (c) -> s.lineHistory(
                            HistoryQuery.hits(source.toString(), workerLine, "worker_runs")
                                    .limit(HistoryQuery.MAX_ENTRIES), c)));
            for (Result r : results) {
                out.printf("    %-44s %9.0f ms (%.2fx replay)  first entry after %7.0f ms  %6d entries  "
                                + "replayed %,15d  skipped %,15d%n", r.what(), r.ms(), r.ms() / replayMs, r.firstMs(),
                        r.entries(), r.replayed(), r.skipped());
            }
            out.println();
        }
    }

    private interface Query {
        HistoryPage run(Consumer<HistoryEntry> progressive) throws Exception;
    }

    private Result measure(DebugSession s, String what, Query q) throws Exception {
        long t = System.nanoTime();
        long[] first = {-1};
        HistoryPage p = q.run(e -> {
            if (first[0] < 0) {
                first[0] = System.nanoTime();
            }
        });
        long end = System.nanoTime();
        return new Result(what, (end - t) / 1e6, first[0] < 0 ? Double.NaN : (first[0] - t) / 1e6, p.entries().size(),
                p.replayed(), p.skipped());
    }

    private static SessionListener quiet() {
        return new SessionListener() { };
    }

    private static Path bundled(String name, Path dir) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = HistoryBenchmark.class.getResourceAsStream("bench/" + name)) {
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
}
