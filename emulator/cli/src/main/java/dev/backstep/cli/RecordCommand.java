package dev.backstep.cli;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.Recorder;
import dev.backstep.replay.RunSummary;
import dev.backstep.replay.TimelineListener;
import dev.backstep.replay.TimelineOptions;
import dev.backstep.replay.stop.TimelineStop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstep record}: runs a program live and writes everything needed to replay it exactly. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Run a program live and record it, so that it can be replayed and debugged exactly.",
                "UART input (stdin or --input) is logged with the instruction count at which it arrived.",
                "Ctrl-C ends the run at once and closes the recording properly: it replays up to there.",
                "The recording is flushed as it goes: even a run killed with SIGKILL leaves a replayable prefix."})
final class RecordCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROG.elf", description = "RV32 ELF to run")
    Path program;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "RUN.bsr",
            description = "recording to write (replaced if it exists)")
    Path output;

    @Option(names = "--input", paramLabel = "FILE", description = "file fed to the UART instead of stdin ('-' = stdin)")
    String input;

    @Option(names = "--max-instructions", paramLabel = "N", converter = PositiveCount.class,
            description = "stop after N instructions, as 'run' does (default: no limit)")
    Long maxInstructions;

    @Mixin
    MachineOptions machine;

    @Mixin
    TranslateOption engine;

    @Option(names = "--quiet", description = "do not print the guest's output")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Recorder recorder = new Recorder();
        // first thing, so that a Ctrl-C during the start-up does not end the JVM before the recording is closed
        try (CtrlC ctrlC = CtrlC.handle(recorder::cancel)) {
            return record(recorder);
        }
    }

    private int record(Recorder recorder) throws Exception {
        UserFiles.requireReadable(program);
        UserFiles.requireWritable(output);
        if (Files.exists(output) && Files.isSameFile(program, output)) {
            throw new CliErrors.UserError(output + ": that is the program itself; give the recording another name");
        }
        ElfImage elf = ElfImage.read(program); // a file that is not an ELF is a usage error before anything is written
        MachineConfig cfg = engine.apply(machine.config(program));
        long limit = maxInstructions == null ? Long.MAX_VALUE : maxInstructions;
        CountDownLatch closed = new CountDownLatch(1);
        // kill (SIGTERM) or a closed terminal: end the run and let the recording be closed, briefly
        Thread onTerm = new Thread(() -> {
            recorder.cancel();
            try {
                closed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "backstep-record-shutdown");
        Runtime.getRuntime().addShutdownHook(onTerm);
        RunSummary summary;
        try (GuestConsole console = new GuestConsole(System.out);
             HostInput in = HostInput.open(input, machine.host())) {
            summary = recorder.record(program, output, in.source(), cfg, engine.apply(TimelineOptions.defaults()),
                    new TimelineListener() {
                        @Override
                        public void output(byte b, long icount) {
                            if (!quiet) {
                                console.write(b & 0xFF, icount);
                            }
                        }
                    }, limit);
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onTerm);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has what it waits for
            }
        }
        return report(summary, limit, elf);
    }

    /** The same words and statuses as {@code run} for the same ends, plus what the recording holds. */
    private int report(RunSummary s, long limit, ElfImage elf) {
        TimelineStop stop = s.stop();
        String where = StopWords.pc(stop.pc(), elf.symbolize(stop.pc()));
        int status;
        switch (stop.kind()) {
            case EXIT -> {
                boolean reset = stop.message() != null && stop.message().contains("reset");
                if (reset) {
                    System.err.println(StopWords.reset(stop.icount()));
                }
                status = reset ? ExitStatus.RESET : ExitStatus.ofGuest(stop.exitCode());
            }
            case LIMIT -> {
                System.err.println(StopWords.limit(limit, where));
                status = ExitStatus.UNFINISHED;
            }
            case IDLE -> {
                System.err.println(StopWords.idle(where, stop.icount()));
                status = ExitStatus.UNFINISHED;
            }
            case TRAP -> {
                System.err.println(StopWords.trapLoop(where, stop.icount(), stop.message(), stop.trapCause(),
                        stop.trapTval()));
                status = ExitStatus.TRAP_LOOP;
            }
            case CANCELLED -> {
                System.err.println(StopWords.cancelled(stop.icount()));
                status = ExitStatus.INTERRUPTED;
            }
            default -> {
                System.err.println("backstep: the recording run stopped: " + stop.describe());
                status = ExitStatus.INTERNAL;
            }
        }
        System.err.printf("backstep: recorded %s: %d instructions, %d input events, %d digests, %d output bytes, "
                        + "%d bytes, %.3f s%s%n", output, s.icount(), s.events(), s.digestsVerified(), s.outputBytes(),
                s.recordingBytes(), s.wallNanos() / 1e9, s.ok() ? "" : "; it replays up to there");
        return status;
    }
}
