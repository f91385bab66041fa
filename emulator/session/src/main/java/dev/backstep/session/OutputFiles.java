package dev.backstep.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;

/**
 * The write half of the file policy (docs/limits.md): the session writes only the file it was told to, and never
 * replaces what it was not told to replace. A target that exists is replaced only when the request says
 * {@code overwrite}, and only when it is a regular file (never a device, a pipe, a folder or a link) that the
 * session does not read (the program's ELF, its input, the recording being replayed). Writers then go through a
 * temporary file in the same folder, renamed into place, so a reader never sees half a file.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Refuses {@code target} with the reason, or returns normally when it may be written.
     *
     * @param attribute what the client called the path ("path", "recording"), for the message
     * @param readFiles the files the session reads (nulls ignored)
     */
    public static void checkWritable(Path target, boolean overwrite, Collection<Path> readFiles, String attribute)
            throws SessionException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new SessionException("'" + attribute + "': the folder " + dir + " does not exist");
        }
        for (Path read : readFiles) {
            if (read != null && sameFile(abs, read)) {
                throw new SessionException("'" + attribute + "': " + abs + " is a file this session reads (the "
                        + "program, its input or its recording); it is never replaced");
            }
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new SessionException("'" + attribute + "': " + abs + " exists and is not a regular file (a "
                        + "device, pipe, folder or link); it is never replaced");
            }
            if (!overwrite) {
                throw new SessionException("'" + attribute + "': " + abs + " exists; say \"overwrite\": true to "
                        + "replace it");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            Path bb = b.toAbsolutePath().normalize();
            return a.equals(bb) || Files.exists(a) && Files.exists(bb) && Files.isSameFile(a, bb);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Whether two paths name the same file (the target may not exist yet). */
    public static boolean same(Path a, Path b) {
        return sameFile(Objects.requireNonNull(a).toAbsolutePath().normalize(), b);
    }
}
