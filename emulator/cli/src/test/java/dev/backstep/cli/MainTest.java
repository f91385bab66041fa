package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line builds only the subcommand its arguments name (a short run does not pay for the models of the
 * ten others), and says the same things as the command line with every subcommand.
 */
class MainTest {
    private static final List<String> ALL = List.of("run", "record", "replay", "info", "debug", "gdbserver", "dap",
            "bench", "bench-replay", "bench-index", "bench-history", "help");

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        for (String name : ALL) {
            if (!name.equals("help")) {
                assertEquals(Set.of(name), Main.commandLine(name, "x.elf").getSubcommands().keySet(), name);
            }
        }
    }

    @Test
    void anythingElseGetsEverySubcommandInOrder() {
        assertEquals(ALL, List.copyOf(Main.commandLine().getSubcommands().keySet()));
        for (String[] args : List.of(new String[0], new String[] {"help"}, new String[] {"help", "run"},
                new String[] {"rn"}, new String[] {"--version"}, new String[] {"-h"}, new String[] {"--bogus"})) {
            assertEquals(ALL, List.copyOf(Main.commandLine(args).getSubcommands().keySet()), String.join(" ", args));
        }
    }

    /** Usage errors, help and versions read the same whichever way the command line was built. */
    @Test
    void theOneSubcommandLineSaysWhatTheFullOneSays() {
        for (String[] args : List.of(new String[] {"run"}, new String[] {"run", "--bogus", "x.elf"},
                new String[] {"run", "--help"}, new String[] {"run", "--version"},
                new String[] {"record", "x.elf"}, new String[] {"bench", "--runs", "0", "x.elf"},
                new String[] {"debug", "--help"}, new String[] {"dap", "--host", "127.0.0.1"},
                new String[] {"info", "a", "b"})) {
            assertEquals(execute(Main.commandLine(), args), execute(Main.commandLine(args), args),
                    String.join(" ", args));
        }
    }

    private static String execute(CommandLine cl, String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int status = cl.execute(args);
        return status + "\n" + out.toString(StandardCharsets.UTF_8) + "\n--\n" + err.toString(StandardCharsets.UTF_8);
    }
}
