package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads source files for display: only the program's own, those its debug info names (found on this machine as
 * {@link SourcePaths} finds them), compared by real path, so that no path a client sends (an absolute path,
 * {@code ../..}, a link) reads any other file.
 */
final class SourceFiles {
    /** A source file larger than this is not shown (no C file of a bare-metal program comes near). */
    static final long MAX_SOURCE_BYTES = 16L << 20;

    private SourceFiles() {
    }

    static List<String> read(String path, DebugInfo debug, SourcePaths sources) {
        if (path == null) {
            return List.of();
        }
        Set<Path> allowed = sources.programFiles();
        Path p = allowedFile(sources.local(path), allowed);
        if (p == null) {
            List<String> matches = debug.lines().matchFiles(path);
            p = matches.isEmpty() ? null : allowedFile(sources.local(matches.get(0)), allowed);
        }
        if (p == null) {
            return List.of();
        }
        try {
            if (Files.size(p) > MAX_SOURCE_BYTES) {
                return List.of();
            }
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            try {
                return Files.readAllLines(p, StandardCharsets.ISO_8859_1);
            } catch (IOException e2) {
                return List.of();
            }
        }
    }

    private static Path allowedFile(String name, Set<Path> allowed) {
        try {
            Path real = name == null ? null : SourcePaths.realFile(Path.of(name));
            return real != null && allowed.contains(real) ? real : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
