package dev.backstep.cli;

import dev.backstep.replay.RecordingSummary;
import dev.backstep.replay.format.RecordingFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code backstep info}: what a recording holds, without running it; status 3 when it is not whole. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe a recording: format, program, machine, length, input events, digests, damage.",
                "A damaged or cut-off recording is described as far as it can be read, with status 3."})
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN.bsr")
    Path recording;

    @Override
    public Integer call() throws Exception {
        RecordingFile rec = Recordings.read(recording);
        System.out.print(RecordingSummary.describe(rec));
        System.out.flush();
        if (rec.damage() != null) {
            if (rec.elfBytes() == null && rec.damage().chunkKind().startsWith("ELF") && rec.damage().limitsReplay()) {
                String name = rec.header().elfName();
                System.err.println("backstep: " + recording + ": its copy of " + name + " is cut off: replay it with"
                        + " --elf " + name);
            }
            return ExitStatus.DAMAGED; // the integrity line says where and why
        }
        if (rec.end() == null) {
            System.err.println("backstep: " + recording + ": " + Recordings.incompleteness(rec));
            return ExitStatus.DAMAGED;
        }
        return ExitStatus.OK;
    }
}
