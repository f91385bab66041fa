package dev.backstep.cli.debug;

import dev.backstep.cli.CtrlC;
import dev.backstep.cli.ExitStatus;
import dev.backstep.session.DebugSession;
import dev.backstep.session.LaunchException;
import dev.backstep.session.LaunchSpec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstep debug}: a gdb-like console debugger, forwards and backwards, on the session layer. */
@Command(name = "debug", mixinStandardHelpOptions = true,
        description = {"Debug a program at the source level, forwards and backwards in time, with gdb's commands.",
                "It records while you debug (--record keeps the recording) or debugs a saved one (--replay).",
                "Ctrl-C pauses a run in either direction; at the prompt it does not end the session."})
public final class DebugCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROG.elf", description = "RV32 ELF with debug info (-g)")
    Path program;

    @Option(names = "--replay", paramLabel = "RUN.bsr", description = "replay this recording instead of running live")
    Path replay;

    @Option(names = "--record", paramLabel = "RUN.bsr", description = "write the recording to this file as it grows")
    Path record;

    @Option(names = "--input", paramLabel = "FILE", description = "UART input for the program (record mode)")
    Path input;

    @Option(names = "--no-translate",
            description = "interpret every instruction instead of translating hot code to JVM bytecode (slower: to "
                    + "compare; the program and every stop are the same either way)")
    boolean noTranslate;

    @Option(names = "--rtos", paramLabel = "auto|freertos|none", defaultValue = "auto",
            description = "RTOS awareness: tasks as threads (info threads, thread N) when the program has a known "
                    + "RTOS's symbols (auto, the default), required (freertos), or off (none)")
    String rtos;

    @Option(names = "--isa", paramLabel = "ARCH",
            description = "instruction set of a record session, e.g. rv32imafdc_zba_zbb_zbs (default: the ELF's"
                    + " .riscv.attributes arch, else rv32imac; a replay uses the recorded one)")
    String isa;
    @Option(names = "--semihosting", description = "serve semihosting calls, as QEMU's -semihosting (record mode)")
    boolean semihosting;

    @Option(names = "--semihosting-dir", paramLabel = "DIR",
            description = "the only directory the program's semihosting files may be in (record mode)")
    Path semihostingDir;

    @Option(names = "--semihosting-cmdline", paramLabel = "ARGS",
            description = "the program's command line after its file name, as QEMU's -append (record mode)")
    String semihostingArgs;

    @Option(names = {"-x", "--script"}, paramLabel = "FILE", description = "run the commands in FILE, then quit")
    Path script;

    /** The console's commands, for the usage help's footer: the same table its own {@code help} prints. */
    public static String[] consoleHelp() {
        return new String[] {"", "Commands at the (backstep) prompt:", ConsoleCommands.table()};
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (replay != null && (record != null || input != null)) {
            throw new ParameterException(spec.commandLine(), "--replay cannot be combined with --record or --input");
        }
        if (replay != null && isa != null) {
            throw new ParameterException(spec.commandLine(), "--isa is for record sessions: a replay uses the recorded one");
        }
        DebugFiles.check(program, replay, record, input, script);
        LaunchSpec spec = replay != null ? LaunchSpec.replay(replay, program)
                : LaunchSpec.record(program).withRecording(record).withInputFile(input)
                        // the user typed --record FILE on their own command line, as with `record -o`: replacing an
                        // existing regular file is what they asked (never the program, its input or a device)
                        .withOverwrite(true);
        if ((semihostingDir != null || semihostingArgs != null) && !semihosting) {
            throw new ParameterException(this.spec.commandLine(), "--semihosting-dir and --semihosting-cmdline need "
                    + "--semihosting");
        }
        if (semihosting && replay != null) {
            throw new ParameterException(this.spec.commandLine(), "--semihosting is for record mode: a recording says "
                    + "itself whether it was made with semihosting");
        }
        if (semihosting) {
            spec = spec.withSemihosting(new LaunchSpec.Semihosting(semihostingDir, semihostingArgs));
        }
        spec = spec.withTranslate(!noTranslate).withIsa(isa);
        if (!java.util.List.of("auto", "freertos", "none").contains(rtos)) {
            throw new ParameterException(this.spec.commandLine(), "--rtos must be auto, freertos or none, got " + rtos);
        }
        spec = spec.withRtos(rtos);
        spec = spec.withStopOnEntry(true);
        ConsoleOutput console = new ConsoleOutput(out);
        DebugSession session;
        try {
            session = DebugSession.open(spec, console);
        } catch (LaunchException e) {
            System.err.println("backstep: " + e.getMessage());
            return ExitStatus.USAGE;
        }
        try (session) {
            Console c;
            if (script != null) {
                c = new Console(session, Files.newBufferedReader(script, StandardCharsets.UTF_8), out, true, false);
            } else {
                boolean tty = System.console() != null;
                c = new Console(session, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                        out, !tty, tty);
            }
            c.onScriptInterrupted(() -> {
                // a script waiting on its input cannot be woken: finish the recording and leave as Ctrl-C would
                out.flush();
                session.close();
                Runtime.getRuntime().halt(ExitStatus.INTERRUPTED);
            });
            try (CtrlC ctrlC = CtrlC.handle(c::interrupt)) {
                return c.run();
            }
        }
    }
}
