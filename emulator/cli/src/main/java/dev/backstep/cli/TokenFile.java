package dev.backstep.cli;

import dev.backstep.dap.DapTcpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code dap --token-file FILE}: the token shared with clients through a file rather than the terminal. An
 * existing file is read (its first line); a missing one is created, readable by the user only, with a fresh token.
 */
final class TokenFile {
    /** Shorter tokens are guessable. */
    static final int MIN_LENGTH = 16;

    private TokenFile() {
    }

    static String read(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return create(file);
            }
            if (!Files.isRegularFile(file)) {
                throw new CliErrors.UserError("--token-file " + file + ": not a regular file");
            }
            if (Files.size(file) > 4096) {
                throw new CliErrors.UserError("--token-file " + file + ": too large for a token (over 4 KiB)");
            }
            String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
            if (first.length() < MIN_LENGTH) {
                throw new CliErrors.UserError("--token-file " + file + ": the token on its first line must have at least "
                        + MIN_LENGTH + " characters");
            }
            return first;
        } catch (IOException e) {
            throw new CliErrors.UserError("--token-file " + file + ": " + e.getMessage());
        }
    }

    private static String create(Path file) throws IOException {
        String token = DapTcpServer.Options.newToken();
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
            return read(file);
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        return token;
    }
}
