package dev.backstep.cli;

import dev.backstep.replay.format.RecordingCorruptException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns what a user can cause into one clear line and the status of {@link ExitStatus}, instead of a stack trace or
 * a page of usage: a usage error is its message plus a hint to {@code backstep help COMMAND}; a bad file names the
 * file and the problem; a damaged recording is status 3. Anything else is a bug and keeps its trace.
 */
final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** Kept for the tests written against it: {@link ExitStatus#USAGE}. */
    static final int USAGE_ERROR = ExitStatus.USAGE;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof Damaged || ex instanceof RecordingCorruptException) {
            err.println("backstep: " + ex.getMessage());
            return ExitStatus.DAMAGED;
        }
        if (ex instanceof java.nio.file.FileSystemException fs) {
            err.println("backstep: " + UserFiles.describe(fs));
            return ExitStatus.USAGE;
        }
        if (ex instanceof UserError || ex instanceof java.io.IOException || isUserFacing(ex)) {
            err.println("backstep: " + ex.getMessage());
            return ExitStatus.USAGE;
        }
        ex.printStackTrace(err);
        return ExitStatus.INTERNAL;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (cmd.getParent() == null && args.length == 0) {
            // "backstep" alone: the list of commands is more use than one line
            cmd.usage(err);
            return ExitStatus.USAGE;
        }
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException u && cmd.getParent() == null
                && !u.getUnmatched().isEmpty() && u.getUnmatched().get(0).equals(args[0])) {
            message = "unknown command '" + args[0] + "'";
        }
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + message);
        err.println("Try '" + (cmd.getParent() == null ? "backstep help"
                : "backstep help " + cmd.getCommandName()) + "' for more information.");
        return ExitStatus.USAGE;
    }

    private static boolean isUserFacing(Exception ex) {
        // Loader and format errors of the lower layers name the file and the problem already.
        String name = ex.getClass().getSimpleName();
        return name.endsWith("FormatException") || ex instanceof IllegalArgumentException;
    }

    /** An error in what the user asked for, reported without a stack trace: {@link ExitStatus#USAGE}. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message);
        }
    }

    /** A recording that is damaged or cut off where the command needs it whole: {@link ExitStatus#DAMAGED}. */
    static final class Damaged extends RuntimeException {
        Damaged(String message) {
            super(message);
        }
    }
}
