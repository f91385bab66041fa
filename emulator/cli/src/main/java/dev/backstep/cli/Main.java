package dev.backstep.cli;

import dev.backstep.cli.debug.DebugCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the runnable jar: one picocli command per job. */
@Command(name = "backstep",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Time-travel debugger for bare-metal RISC-V (RV32IMAC) programs.",
        subcommands = {RunCommand.class, RecordCommand.class, ReplayCommand.class, InfoCommand.class,
                DebugCommand.class,
                GdbServerCommand.class, DapCommand.class, BenchCommand.class, BenchReplayCommand.class,
                BenchIndexCommand.class, BenchHistoryCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
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
