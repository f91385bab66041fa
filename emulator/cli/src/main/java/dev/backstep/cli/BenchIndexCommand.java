package dev.backstep.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstep bench-index}: the execution index's figures, with and without it, printed. */
@Command(name = "bench-index", mixinStandardHelpOptions = true,
        description = {"Print execution-index figures on the RTOS-like example (examples/rtos.c), with and without",
                "the index: overhead on recording, index bytes per 10^9 instructions, and from the line after a",
                "blocking call that waits 10^9 instructions, the long reverse operations (reverse next across the",
                "call, a short reverse next beside it, step back, reverse continue to a breakpoint and to a data",
                "breakpoint's write one wait back) with their time, instructions replayed and snapshots added.",
                "Takes a few minutes: the program runs 2 * 10^9 instructions, recorded several times."})
final class BenchIndexCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROG.elf",
            description = "a build of examples/rtos.c (default: the bundled rtos.elf)")
    Path program;

    @Option(names = "--runs", defaultValue = "3", description = "recordings with and without the index, each "
            + "(default: ${DEFAULT-VALUE}), after one warm-up")
    int runs;

    @Option(names = "--repeat", defaultValue = "3", description = "times the operations run with the index "
            + "(default: ${DEFAULT-VALUE}); once without")
    int repeat;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || repeat < 1) {
            throw new CliErrors.UserError("--runs and --repeat must be at least 1");
        }
        if (program != null) {
            UserFiles.requireReadable(program);
        }
        new IndexBenchmark(System.out).run(program, runs, repeat);
        return 0;
    }
}
