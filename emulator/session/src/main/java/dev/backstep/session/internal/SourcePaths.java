package dev.backstep.session.internal;

import dev.backstep.debuginfo.line.PathMatcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps the file names of the line table to files on this machine, and the paths a client sends to them.
 *
 * <p>Line table to file: DWARF names the directory the ELF was built in, or a relative name when it was built with
 * {@code -fdebug-prefix-map}; a checkout or copy elsewhere keeps the sources beside the ELF. A relative name is
 * looked up beside the ELF (or up to three directories above it), never in the server's working directory; an
 * absolute one that does not exist here by the longest tail of it that does — what gdb users do by hand with
 * {@code directory}. When the client has named the file itself (a breakpoint, run to line), its own path is what
 * it gets back, so that an IDE never opens a second editor for a file it has open.
 *
 * <p>Client path to line table: the file itself when the client's path is the file a line-table name maps to;
 * else the name sharing the most trailing path components with it; a match on the file name alone counts only when
 * the program's file cannot be found here or is that very file — a {@code corrupt.c} in another folder is another
 * file. Line-table names stay the key for everything internal; only what the user sees is mapped.
 */
final class SourcePaths {
    private static final int LEVELS_UP = 3;

    /** What a client's path names in the program. */
    record ClientFile(String lineTableName, String refusal) {
        /** The name to look lines up by: the line table's, or the client's path when none matched. */
        String lookup(String clientPath) {
            return lineTableName != null ? lineTableName : clientPath;
        }
    }

    private final List<Path> roots = new ArrayList<>();
    private final Collection<String> lineTableFiles;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    /** Line-table name -> the path the client last named that file by. */
    private final Map<String, String> clientNames = new ConcurrentHashMap<>();

    /**
     * @param near           the ELF (or recording) the session debugs; null when there is none on disk
     * @param lineTableFiles the file names of the program's line table
     */
    SourcePaths(Path near, Collection<String> lineTableFiles) {
        Path dir = near == null ? null : near.toAbsolutePath().getParent();
        for (int i = 0; dir != null && i <= LEVELS_UP; i++, dir = dir.getParent()) {
            roots.add(dir);
        }
        this.lineTableFiles = List.copyOf(lineTableFiles);
    }

    /**
     * The path to show for a line-table name: the client's own name for the file when it gave one, else the file
     * on this machine, else the name itself.
     */
    String local(String dwarfPath) {
        if (dwarfPath == null) {
            return null;
        }
        String client = clientNames.get(dwarfPath);
        return client != null ? client : onDisk(dwarfPath);
    }

    /** The file on this machine for a line-table name, or the name itself when none is found. */
    private String onDisk(String dwarfPath) {
        return cache.computeIfAbsent(dwarfPath, this::find);
    }

    /**
     * The program's source files on this machine, by real path (links resolved): what the line table names, found
     * as {@link #local} finds them. Only these are ever read for display (the file policy of docs/limits.md).
     */
    java.util.Set<Path> programFiles() {
        java.util.Set<Path> out = new java.util.HashSet<>();
        for (String name : lineTableFiles) {
            Path p = path(onDisk(name));
            Path real = p == null ? null : realFile(p);
            if (real != null) {
                out.add(real);
            }
        }
        return out;
    }

    /** The real path of a regular file, or null when there is none. */
    static Path realFile(Path p) {
        try {
            Path real = p.toAbsolutePath().toRealPath();
            return Files.isRegularFile(real) ? real : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** Resolves a path the client sent (and remembers it as the client's name for the file it matched). */
    ClientFile fromClient(String clientPath) {
        if (clientPath == null || clientPath.isBlank()) {
            return new ClientFile(null, null);
        }
        Path client = existing(clientPath);
        List<String> best = new ArrayList<>();
        int bestScore = 0;
        String refused = null;
        for (String name : lineTableFiles) {
            Path mine = existing(onDisk(name));
            int score;
            if (client != null && mine != null && same(client, mine)) {
                score = Integer.MAX_VALUE;
            } else {
                score = Math.max(PathMatcher.score(clientPath, name),
                        mine == null ? 0 : PathMatcher.score(clientPath, mine.toString()));
                if (score == 1 && client != null && mine != null) {
                    refused = mine.toString(); // same file name, another existing file
                    score = 0;
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best.clear();
            }
            if (score > 0 && score == bestScore) {
                best.add(name);
            }
        }
        if (best.isEmpty()) {
            String why = refused == null ? null : "this program's " + Path.of(refused).getFileName() + " is "
                    + refused + ", another file";
            return new ClientFile(null, why);
        }
        for (String name : best) {
            clientNames.put(name, clientPath);
        }
        return new ClientFile(best.size() == 1 ? best.get(0) : null, null);
    }

    private String find(String name) {
        Path given = path(name);
        if (given != null && given.isAbsolute() && Files.isRegularFile(given)) {
            return name;
        }
        String[] parts = name.replace('\\', '/').split("/");
        for (int first = 0; first < parts.length; first++) {
            if (parts[first].isEmpty() || parts[first].endsWith(":") || parts[first].equals(".")) {
                continue; // the root of an absolute path, a Windows drive, "./"
            }
            String tail = String.join("/", java.util.Arrays.copyOfRange(parts, first, parts.length));
            for (Path root : roots) {
                Path candidate = root.resolve(tail).normalize();
                if (Files.isRegularFile(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return name;
    }

    private static Path existing(String name) {
        Path p = path(name);
        return p != null && p.isAbsolute() && Files.isRegularFile(p) ? p : null;
    }

    private static Path path(String name) {
        try {
            return name == null ? null : Path.of(name);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            return a.normalize().equals(b.normalize()) || Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
