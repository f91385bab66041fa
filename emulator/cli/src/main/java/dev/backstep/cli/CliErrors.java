package dev.backstep.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the exceptions a user can cause (bad ELF, missing file, bad recording) into one clear line and
 * exit status 2, instead of a stack trace; anything else is a bug and keeps its trace.
 */
final class CliErrors implements IExecutionExceptionHandler {
    static final int USAGE_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        if (ex instanceof UserError || ex instanceof java.io.IOException || isUserFacing(ex)) {
            cmd.getErr().println("backstep: " + ex.getMessage());
            return USAGE_ERROR;
        }
        ex.printStackTrace(cmd.getErr());
        return 70; // EX_SOFTWARE
    }

    private static boolean isUserFacing(Exception ex) {
        // Loader and format errors of the lower layers name the file and the problem already.
        String name = ex.getClass().getSimpleName();
        return name.endsWith("FormatException") || ex instanceof IllegalArgumentException;
    }

    /** An error in what the user asked for, reported without a stack trace. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message);
        }
    }
}
