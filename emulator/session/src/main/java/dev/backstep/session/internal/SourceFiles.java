package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads source files named by the debug info (or by the user, matched against the debug info). */
final class SourceFiles {
    private SourceFiles() {
    }

    static List<String> read(String path, DebugInfo debug, SourcePaths sources) {
        if (path == null) {
            return List.of();
        }
        Path p = Path.of(sources.local(path));
        if (!Files.isRegularFile(p)) {
            List<String> matches = debug.lines().matchFiles(path);
            if (matches.isEmpty() || !Files.isRegularFile(Path.of(sources.local(matches.get(0))))) {
                return List.of();
            }
            p = Path.of(sources.local(matches.get(0)));
        }
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            try {
                return Files.readAllLines(p, StandardCharsets.ISO_8859_1);
            } catch (IOException e2) {
                return List.of();
            }
        }
    }
}
