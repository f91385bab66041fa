package dev.backstep.cli;

import dev.backstep.replay.Replayer;
import dev.backstep.replay.RunSummary;
import dev.backstep.replay.TimelineListener;
import dev.backstep.replay.TimelineOptions;
import dev.backstep.replay.stop.StopKind;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstep replay}: re-executes a recording, reproducing its output and checking every state digest. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a recording: reproduces the guest's output and verifies the state digests stored in it.",
                "Exit status 0 when the whole recording replays identically; 3 on divergence or damage."})
final class ReplayCommand implements Callable<Integer> {
    static final int STATUS_DIVERGED = 3;

    @Parameters(index = "0", paramLabel = "RUN.bsr")
    Path recording;

    @Option(names = "--elf", paramLabel = "PROG.elf",
            description = "check the recording against this ELF (default: the copy embedded in the recording)")
    Path elf;

    @Mixin
    TranslateOption engine;

    @Option(names = "--quiet", description = "do not print the guest's output")
    boolean quiet;

    @Option(names = "--no-progress", description = "no progress bar (it is shown on stderr when that is a terminal)")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        ElfCheck.requireReadable(recording);
        if (elf != null) {
            ElfCheck.requireReadable(elf);
        }
        Replayer replayer = new Replayer();
        RunSummary summary;
        try (GuestConsole console = new GuestConsole(System.out);
             ProgressDisplay bar = ProgressDisplay.open("replay", recordedLength(), !noProgress)) {
            summary = replayer.replay(recording, elf, engine.apply(TimelineOptions.defaults()), new TimelineListener() {
                @Override
                public void output(byte b, long icount) {
                    if (!quiet) {
                        console.write(b & 0xFF, icount);
                    }
                }

                @Override
                public void progress(String task, long done, long total) {
                    bar.update(done, total);
                }
            });
        }
        System.err.println("backstep: replayed " + recording + ": " + summary.describe());
        if (!summary.ok()) {
            System.err.println("backstep: the replay does NOT match the recording");
            return STATUS_DIVERGED;
        }
        return summary.stop().kind() == StopKind.EXIT ? summary.stop().exitCode() & 0xFF : 0;
    }

    private long recordedLength() {
        try {
            return dev.backstep.replay.format.RecordingReader.read(recording).validUpTo();
        } catch (java.io.IOException | RuntimeException e) {
            return -1; // the replay itself reports the problem
        }
    }
}
