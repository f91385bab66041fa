package dev.backstep.cli;

import dev.backstep.replay.RecordingSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code backstep info}: what a recording holds, without running it. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a recording: format, program, machine, length, input events, digests, damage.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN.bsr")
    Path recording;

    @Override
    public Integer call() throws Exception {
        ElfCheck.requireReadable(recording);
        System.out.print(RecordingSummary.describe(recording));
        return 0;
    }
}
