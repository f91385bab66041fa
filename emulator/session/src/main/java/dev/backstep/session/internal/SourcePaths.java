package dev.backstep.session.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps the file names of the line table to files on this machine. DWARF names the directory the ELF was built
 * in; a checkout or copy elsewhere keeps the sources beside the ELF. So when the named file does not exist, the
 * longest tail of its path that exists under the ELF's directory (or up to three directories above it) is
 * used — what gdb users do by hand with {@code directory}. Line-table names stay the key for everything
 * internal; only what the user sees (frames, breakpoints, disassembly, source text) is mapped.
 */
final class SourcePaths {
    private static final int LEVELS_UP = 3;

    private final List<Path> roots = new ArrayList<>();
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** @param near the ELF (or recording) the session debugs; null when there is none on disk */
    SourcePaths(Path near) {
        Path dir = near == null ? null : near.toAbsolutePath().getParent();
        for (int i = 0; dir != null && i <= LEVELS_UP; i++, dir = dir.getParent()) {
            roots.add(dir);
        }
    }

    /** The file to show for a line-table name: the name itself when it exists, else the nearest match, else the name. */
    String local(String dwarfPath) {
        return dwarfPath == null ? null : cache.computeIfAbsent(dwarfPath, this::find);
    }

    private String find(String name) {
        if (exists(name)) {
            return name;
        }
        String[] parts = name.replace('\\', '/').split("/");
        for (int first = 0; first < parts.length; first++) {
            if (parts[first].isEmpty() || parts[first].endsWith(":")) {
                continue; // the root of an absolute path, or a Windows drive
            }
            String tail = String.join("/", java.util.Arrays.copyOfRange(parts, first, parts.length));
            for (Path root : roots) {
                Path candidate = root.resolve(tail);
                if (Files.isRegularFile(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return name;
    }

    private static boolean exists(String name) {
        try {
            return Files.isRegularFile(Path.of(name));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
