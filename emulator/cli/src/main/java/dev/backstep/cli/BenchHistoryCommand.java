package dev.backstep.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstep bench-history}: whole-recording queries' figures, with and without the execution index. */
@Command(name = "bench-history", mixinStandardHelpOptions = true,
        description = {"Print value-history and line-history figures on the RTOS-like example (examples/rtos.c):",
                "in a replay that has run to the end of its recording, the forward replay time of the whole",
                "recording beside the value history of a variable written once per 10^9 instructions, of one",
                "written every 10^6, and the line history of a line run once per 10^9, each with the execution",
                "index and without it: time, time to the first entry, entries, instructions replayed and skipped.",
                "Takes a few minutes: the program runs 2 * 10^9 instructions, replayed several times."})
final class BenchHistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROG.elf",
            description = "a build of examples/rtos.c (default: the bundled rtos.elf)")
    Path program;

    @Option(names = "--repeat", defaultValue = "2", description = "sessions with the index "
            + "(default: ${DEFAULT-VALUE}); one without")
    int repeat;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new CliErrors.UserError("--repeat must be at least 1");
        }
        if (program != null) {
            UserFiles.requireReadable(program);
        }
        new HistoryBenchmark(System.out).run(program, repeat);
        return 0;
    }
}
