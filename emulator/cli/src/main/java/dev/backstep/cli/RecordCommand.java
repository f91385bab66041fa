package dev.backstep.cli;

import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.Recorder;
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

/** {@code backstep record}: runs a program live and writes everything needed to replay it exactly. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Run a program live and record it, so that it can be replayed and debugged exactly.",
                "UART input (stdin or --input) is logged with the instruction count at which it arrived.",
                "The recording is flushed as it goes: a run killed mid-way (Ctrl-C) leaves a replayable prefix."})
final class RecordCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROG.elf", description = "RV32 ELF to run")
    Path program;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "RUN.bsr", description = "recording to write")
    Path output;

    @Option(names = "--input", paramLabel = "FILE", description = "file fed to the UART instead of stdin ('-' = stdin)")
    String input;

    @Mixin
    MachineOptions machine;

    @Mixin
    TranslateOption engine;

    @Option(names = "--quiet", description = "do not print the guest's output")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ElfCheck.requireReadable(program);
        MachineConfig cfg = engine.apply(machine.config());
        Recorder recorder = new Recorder();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            // Ctrl-C: end the run at an instruction boundary and close the recording properly.
            recorder.cancel();
            try {
                main.join(10_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "backstep-record-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        RunSummary summary;
        try (GuestConsole console = new GuestConsole(System.out);
             HostInput in = HostInput.open(input)) {
            summary = recorder.record(program, output, in.source(), cfg, engine.apply(TimelineOptions.defaults()),
                    new TimelineListener() {
                        @Override
                        public void output(byte b, long icount) {
                            if (!quiet) {
                                console.write(b & 0xFF, icount);
                            }
                        }
                    });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for us
            }
        }
        System.err.println("backstep: recorded " + output + ": " + summary.describe());
        return exitStatus(summary);
    }

    static int exitStatus(RunSummary s) {
        if (s.stop().kind() == StopKind.EXIT) {
            return s.stop().exitCode() & 0xFF;
        }
        return s.ok() ? 0 : RunOutcome.STATUS_UNFINISHED;
    }
}
