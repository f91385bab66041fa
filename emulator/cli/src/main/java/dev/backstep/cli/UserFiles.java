package dev.backstep.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Up-front checks of the files a user names, so that every command says what is wrong in the same words
 * ("PATH: no such file", "PATH: is a directory, not a file", ...) before anything deep inside trips over it.
 */
public final class UserFiles {
    private UserFiles() {
    }

    /** A file to read: it exists, is a regular file and is readable. */
    public static Path requireReadable(Path p) {
        if (Files.isDirectory(p)) {
            throw new CliErrors.UserError(p + ": is a directory, not a file");
        }
        if (!Files.exists(p)) {
            throw new CliErrors.UserError(p + ": no such file");
        }
        if (!Files.isRegularFile(p)) {
            throw new CliErrors.UserError(p + ": not a regular file");
        }
        if (!Files.isReadable(p)) {
            throw new CliErrors.UserError(p + ": cannot read it (permission denied)");
        }
        return p;
    }

    /** A file to write (created or replaced, as the user asked): not a directory, in a writable directory. */
    public static Path requireWritable(Path p) {
        if (Files.isDirectory(p)) {
            throw new CliErrors.UserError(p + ": is a directory, not a file");
        }
        Path dir = p.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new CliErrors.UserError(p + ": cannot write it: " + (Files.exists(dir)
                    ? dir + " is not a directory" : "no such directory " + dir));
        }
        if (Files.exists(p) ? !Files.isWritable(p) : dir != null && !Files.isWritable(dir)) {
            throw new CliErrors.UserError(p + ": cannot write it (permission denied)");
        }
        return p;
    }

    /** Words for a file-system error that got past the checks (a race, or a path inside a library call). */
    public static String describe(java.nio.file.FileSystemException e) {
        String file = e.getFile() != null ? e.getFile() : "";
        if (e instanceof java.nio.file.NoSuchFileException) {
            return file + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return file + ": permission denied";
        }
        String reason = e.getReason() == null ? "" : e.getReason();
        if (reason.equalsIgnoreCase("Is a directory")) {
            return file + ": is a directory, not a file";
        }
        if (reason.equalsIgnoreCase("Not a directory")) {
            return file + ": a part of the path is not a directory";
        }
        return file + ": " + (reason.isEmpty() ? e.getClass().getSimpleName() : reason);
    }
}
