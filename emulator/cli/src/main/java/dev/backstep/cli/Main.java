package dev.backstep.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the runnable jar: one picocli command per job. */
@Command(name = "backstep",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Time-travel debugger for bare-metal RISC-V (RV32IMAC) programs.",
        subcommands = {RunCommand.class, RecordCommand.class, ReplayCommand.class, InfoCommand.class,
                dev.backstep.cli.debug.DebugCommand.class,
                GdbServerCommand.class, DapCommand.class, BenchCommand.class, BenchReplayCommand.class, BenchIndexCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new CliErrors());
        return cl;
    }
}
