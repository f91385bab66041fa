package dev.backstep.cli;

import dev.backstep.gdbserver.GdbServer;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.LiveInput;
import java.io.InputStream;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import dev.backstep.replay.format.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstep gdbserver}: gdb's remote protocol, with reverse execution, over a recorded or replayed run. */
@Command(name = "gdbserver", mixinStandardHelpOptions = true,
        description = {"Serve gdb's remote protocol, with reverse execution, for 'target remote HOST:PORT'.",
                "reverse-stepi/-step/-next/-continue/-finish, watchpoints both ways, QEMU-style monitor commands.",
                "Without --replay the program runs live and is recorded while you debug."})
final class GdbServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROG.elf", description = "RV32 ELF (with -g for source-level debugging)")
    Path program;

    @Option(names = "--replay", paramLabel = "RUN.bsr", description = "replay this recording instead of running live")
    Path replay;

    @Option(names = "--record", paramLabel = "RUN.bsr", description = "also write the live recording to this file")
    Path record;

    @Option(names = "--input", paramLabel = "FILE",
            description = "file fed to the UART of a live run ('-' = stdin; default: no input)")
    String input;

    @Option(names = "--port", paramLabel = "N", required = true, description = "TCP port; 0 picks a free one and prints it")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Mixin
    MachineOptions machine;

    @Mixin
    TranslateOption engine;

    @Option(names = "--uart-to-gdb", description = "also show the guest's UART output in gdb's console")
    boolean uartToGdb;

    @Option(names = "--rtos", paramLabel = "auto|freertos|none", defaultValue = "auto",
            description = "RTOS awareness: each FreeRTOS task a thread for gdb's info threads and thread N (auto: when "
                    + "the program has the kernel's symbols; freertos: required; none: one thread, the hart)")
    String rtos;

    @Override
    public Integer call() throws Exception {
        if (replay != null && (record != null || input != null)) {
            throw new ParameterException(spec.commandLine(), "--replay cannot be combined with --record or --input");
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port " + port + ": out of range 0..65535");
        }
        if (!java.util.List.of("auto", "freertos", "none").contains(rtos)) {
            throw new ParameterException(spec.commandLine(), "--rtos must be auto, freertos or none, got " + rtos);
        }
        UserFiles.requireReadable(program);
        RecordingFile recording = replay == null ? null : Recordings.read(replay);
        if (record != null) {
            UserFiles.requireWritable(record);
        }
        PrintStream err = System.err;
        HostInput in = input == null ? null : HostInput.open(input, machine.host());
        try (Timeline t = replay != null
                ? Timeline.replay(recording, replay, program, engine.apply(TimelineOptions.defaults()))
                : Timeline.record(program, record, in != null ? in.source() : machine.semihosting
                        ? new LiveInput(InputStream.nullInputStream()).withSemihosting(machine.host())
                        : ExternalInput.none(),
                        engine.apply(machine.config(program)), engine.apply(TimelineOptions.defaults()));
             GdbServer server = new GdbServer(t, System.out, uartToGdb, msg -> err.println("backstep: " + msg),
                     threads(t))) {
            int bound = server.bind(host, port);
            err.println("backstep: gdbserver for " + program.getFileName() + (replay != null ? " (replaying " + replay
                    + ")" : " (live, recording)") + " listening on " + host + ":" + bound);
            err.println("backstep: in gdb-multiarch: set architecture riscv:rv32, then target remote " + host + ":" + bound);
            err.flush();
            server.serve();
            return 0;
        } catch (dev.backstep.session.LaunchException e) {
            err.println("backstep: " + e.getMessage());
            return ExitStatus.USAGE;
        } finally {
            if (in != null) {
                in.close();
            }
        }
    }

    private dev.backstep.gdbserver.GdbThreads threads(Timeline t) throws dev.backstep.session.LaunchException {
        return GdbTasks.forProgram(program, rtos, t.machine());
    }
}
