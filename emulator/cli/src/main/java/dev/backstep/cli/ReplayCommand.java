package dev.backstep.cli;

import dev.backstep.replay.Replayer;
import dev.backstep.replay.RunSummary;
import dev.backstep.replay.TimelineListener;
import dev.backstep.replay.TimelineOptions;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.stop.TimelineStopKind;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstep replay}: re-executes a recording, reproducing its output and checking every state digest. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a recording: reproduces the guest's output and verifies the state digests stored in it.",
                "Status 0 when the whole recording replays identically (whatever the program's own exit code was);",
                "3 when it diverges, or the recording is damaged or cut off (its good prefix is replayed first)."})
final class ReplayCommand implements Callable<Integer> {
    /** Kept for the tests written against it: {@link ExitStatus#DAMAGED}. */
    static final int STATUS_DIVERGED = ExitStatus.DAMAGED;

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
        RecordingFile rec = Recordings.read(recording);
        if (elf != null) {
            UserFiles.requireReadable(elf);
        }
        String missing = Recordings.missingProgram(recording, rec, elf);
        if (missing != null) {
            throw new CliErrors.Damaged(missing);
        }
        Replayer replayer = new Replayer();
        RunSummary summary;
        try (GuestConsole console = new GuestConsole(System.out);
             ProgressDisplay bar = ProgressDisplay.open("replay", rec.validUpTo(), !noProgress);
             CtrlC ctrlC = CtrlC.handle(replayer::cancel)) {
            summary = replayer.replay(rec, recording, elf, engine.apply(TimelineOptions.defaults()), new TimelineListener() {
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
        if (summary.stop().kind() == TimelineStopKind.CANCELLED) {
            System.err.println(StopWords.cancelled(summary.icount()) + "; " + figures(summary));
            return ExitStatus.INTERRUPTED;
        }
        if (summary.ok()) {
            System.err.println("backstep: replayed " + recording + ": " + summary.describe());
            return ExitStatus.OK;
        }
        if (rec.replaysInFull() && wholeRun(summary)) {
            // a lost ELF copy or index: the run replayed in full, but the file is not intact
            System.err.println("backstep: replayed " + recording + ": " + summary.describe());
            System.err.println("backstep: " + recording + ": the run replays in full and identically, but the file is "
                    + rec.damage().describe());
            return ExitStatus.DAMAGED;
        }
        System.err.println("backstep: replayed " + recording + " up to icount " + summary.icount() + ": "
                + figures(summary));
        System.err.println("backstep: " + recording + ": the replay does NOT match the recording: " + why(summary, rec));
        return ExitStatus.DAMAGED;
    }

    private static boolean wholeRun(RunSummary s) {
        TimelineStopKind k = s.stop().kind();
        return k == TimelineStopKind.EXIT || k == TimelineStopKind.END_OF_RECORDING || k == TimelineStopKind.IDLE;
    }

    private static String figures(RunSummary s) {
        return String.format("%d instructions, %d input events, %d digests checked, %d output bytes, %.3f s",
                s.icount(), s.events(), s.digestsVerified(), s.outputBytes(), s.wallNanos() / 1e9);
    }

    /** Why the replay is not a whole, identical one: said once (the stop's message already names the damage). */
    private static String why(RunSummary s, RecordingFile rec) {
        if (s.stop().kind() == TimelineStopKind.DIVERGENCE && s.stop().message() != null) {
            return s.stop().message();
        }
        String incomplete = Recordings.incompleteness(rec);
        if (incomplete != null) {
            return "the recording is " + incomplete + (s.stop().kind() == TimelineStopKind.DIVERGENCE ? ""
                    : "; that much replayed identically");
        }
        return s.stop().describe();
    }
}
