package dev.backstep.cli.debug;

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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstep debug}: a gdb-like console debugger, forwards and backwards, on the session layer. */
@Command(name = "debug", mixinStandardHelpOptions = true,
        description = {"Debug a program at the source level, forwards and backwards in time.",
                "Commands: break, delete, disable, enable, watch, continue, next, step, finish, reverse-continue,",
                "reverse-next, reverse-step, reverse-finish, stepi, reverse-stepi, print, backtrace, info, list, seek,",
                "quit ('help')."})
public final class DebugCommand implements Callable<Integer> {

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

    @Option(names = {"-x", "--script"}, paramLabel = "FILE", description = "run the commands in FILE, then quit")
    Path script;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        LaunchSpec spec = replay != null ? LaunchSpec.replay(replay, program)
                : LaunchSpec.record(program).withRecording(record).withInputFile(input);
        spec = spec.withTranslate(!noTranslate);
        spec = spec.withStopOnEntry(true);
        ConsoleOutput console = new ConsoleOutput(out);
        DebugSession session;
        try {
            session = DebugSession.open(spec, console);
        } catch (LaunchException e) {
            System.err.println("backstep: " + e.getMessage());
            return 2;
        }
        try (session) {
            Console c;
            if (script != null) {
                if (!Files.isRegularFile(script)) {
                    System.err.println("backstep: script not found: " + script);
                    return 2;
                }
                c = new Console(session, Files.newBufferedReader(script, StandardCharsets.UTF_8), out, true, false);
            } else {
                boolean tty = System.console() != null;
                c = new Console(session, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                        out, !tty, tty);
            }
            return c.run();
        }
    }
}
