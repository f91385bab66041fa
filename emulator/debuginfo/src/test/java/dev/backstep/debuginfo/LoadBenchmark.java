package dev.backstep.debuginfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Prints how long {@link DebugInfo#load} takes on the ELFs given as arguments (default: the fixtures and the
 * examples): the first load in a fresh JVM, then the median of 10 warm loads. A program, not a test: timings are
 * never asserted. Run: {@code java -cp target/classes:target/test-classes dev.backstep.debuginfo.LoadBenchmark f.elf}
 */
public final class LoadBenchmark {
    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] files = args.length > 0 ? args : new String[] {
            Fixtures.path("prog-O2.elf").toString(), Fixtures.path("prog-O2-split.elf").toString(),
            "../examples/bench.elf"};
        for (String f : files) {
            Path p = Path.of(f);
            if (!Files.isRegularFile(p)) {
                System.out.println(f + ": not found, skipped");
                continue;
            }
            long t0 = System.nanoTime();
            DebugInfo first = DebugInfo.load(p);
            long cold = System.nanoTime() - t0;
            long[] warm = new long[10];
            for (int i = 0; i < warm.length; i++) {
                long t = System.nanoTime();
                DebugInfo.load(p);
                warm[i] = System.nanoTime() - t;
            }
            Arrays.sort(warm);
            long debugBytes = first.elf().sections().stream().filter(s -> s.name().startsWith(".debug"))
                    .mapToLong(s -> s.size()).sum();
            System.out.printf("%s: %d bytes, %d debug bytes, %d units, %d functions: first load %.1f ms, "
                    + "warm median %.1f ms%n", p.getFileName(), Files.size(p), debugBytes, first.units().size(),
                    first.functions().size(), cold / 1e6, warm[warm.length / 2] / 1e6);
        }
    }
}
