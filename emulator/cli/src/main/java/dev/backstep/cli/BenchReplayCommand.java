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
                "Each run is printed as it finishes; a figure that misses its target is flagged 'MISSED'.",
                "Without an ELF it uses a bundled looping benchmark of about 1.2 * 10^9 instructions."})
final class BenchReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROG.elf")
    Path program;

    @Mixin
    TranslateOption engine;

    @Option(names = "--points", defaultValue = "200", converter = PositiveCount.class,
            description = "random reverse-step points (default: ${DEFAULT-VALUE})")
    long points;

    @Override
    public Integer call() throws Exception {
        if (program != null) {
            UserFiles.requireReadable(program);
        }
        ReplayBenchmark bench = new ReplayBenchmark(System.out, engine.translate());
        try (CtrlC ctrlC = CtrlC.handle(bench::cancel)) {
            bench.run(program, (int) Math.min(points, 100_000));
        }
        if (bench.cancelled()) {
            System.err.println("backstep: benchmark cancelled by the user (Ctrl-C); its temporary files are removed");
            return ExitStatus.INTERRUPTED;
        }
        return ExitStatus.OK;
    }
}
