package dev.backstep.cli;

import dev.backstep.replay.bench.ReplayBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstep bench-replay}: the replay engine's figures, printed. */
@Command(name = "bench-replay", mixinStandardHelpOptions = true,
        description = {"Print replay figures: record overhead, reverse-step latency, reverse continue, snapshots.",
                "Record overhead against a plain run, reverse-step latency (median, p99) at random points of a long",
                "recording, reverse-continue time against forward replay of the same span, snapshot count and bytes.",
                "Without an ELF it uses a bundled looping benchmark of about 1.2 * 10^9 instructions."})
final class BenchReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROG.elf")
    Path program;

    @Mixin
    TranslateOption engine;

    @Option(names = "--points", defaultValue = "200", description = "random reverse-step points (default: ${DEFAULT-VALUE})")
    int points;

    @Override
    public Integer call() throws Exception {
        if (program != null) {
            ElfCheck.requireReadable(program);
        }
        new ReplayBenchmark(System.out, engine.translate()).run(program, points);
        return 0;
    }
}
