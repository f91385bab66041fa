package dev.backstep.cli;

import dev.backstep.cli.debug.DebugCommand;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the runnable jar: one picocli command per job.
 *
 * <p>Picocli builds a command's model by reflection over its annotations, and that cost adds up: building all eleven
 * took about half a second of a short run's start. So {@link #main} builds the top-level command with only the
 * subcommand the arguments name ({@code backstep run ...} never loads the debugger's, the DAP server's or the
 * benchmarks' classes); anything else (no arguments, {@code help}, an option or a word that names no command) gets
 * every subcommand, so the list of commands, {@code help COMMAND} and "did you mean" work as before.
 */
@Command(name = "backstep",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Time-travel debugger for bare-metal RISC-V (RV32IMAC) programs.")
public final class Main {

    /** A subcommand by the name it is called with, made only when needed. */
    private record Sub(String name, Supplier<Object> command) { }

    /** In the order {@code backstep help} lists them. */
    private static final List<Sub> SUBCOMMANDS = List.of(
            new Sub("run", RunCommand::new),
            new Sub("record", RecordCommand::new),
            new Sub("replay", ReplayCommand::new),
            new Sub("info", InfoCommand::new),
            new Sub("debug", DebugCommand::new),
            new Sub("gdbserver", GdbServerCommand::new),
            new Sub("dap", DapCommand::new),
            new Sub("bench", BenchCommand::new),
            new Sub("bench-replay", BenchReplayCommand::new),
            new Sub("bench-index", BenchIndexCommand::new),
            new Sub("bench-history", BenchHistoryCommand::new),
            new Sub("help", CommandLine.HelpCommand::new));

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The command line with every subcommand (the list of commands, {@code help}, suggestions). */
    static CommandLine commandLine() {
        return build(null);
    }

    /** The command line that runs these arguments: only the subcommand they name when they name one. */
    static CommandLine commandLine(String... args) {
        String first = args.length > 0 ? args[0] : "";
        for (Sub s : SUBCOMMANDS) {
            if (s.name().equals(first) && !first.equals("help")) {
                return build(s);
            }
        }
        return build(null);
    }

    /** The top-level command with the one subcommand only, or with all of them when only is null. */
    private static CommandLine build(Sub only) {
        CommandLine cl = new CommandLine(new Main());
        for (Sub s : SUBCOMMANDS) {
            if (only == null || only == s) {
                cl.addSubcommand(s.name(), s.command().get());
            }
        }
        CliErrors errors = new CliErrors();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.getCommandSpec().usageMessage().footer("", "'backstep help COMMAND' shows a command's options.", "",
                ExitStatus.RULE);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new VersionProvider());
            if (!sub.getCommandName().equals("help")) {
                String[] footer = sub.getCommandName().equals("debug") ? DebugCommand.consoleHelp()
                        : sub.getCommandSpec().usageMessage().footer();
                String[] more = {"", "Exit status: one rule for every command, see 'backstep help'."};
                String[] all = new String[footer.length + more.length];
                System.arraycopy(footer, 0, all, 0, footer.length);
                System.arraycopy(more, 0, all, footer.length, more.length);
                sub.getCommandSpec().usageMessage().footer(all);
            }
        }
        return cl;
    }
}
