package dev.backstep.debuginfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the .dwo files of a {@code -gsplit-dwarf} build are found: a skeleton unit names its file
 * (DW_AT_dwo_name) and the directory of the compilation (DW_AT_comp_dir).
 */
@FunctionalInterface
public interface SplitDwarfFiles {
    /** No .dwo files: skeleton units keep only what the executable holds (line tables, ranges). */
    SplitDwarfFiles NONE = (compDir, dwoName) -> Optional.empty();

    /** The bytes of the .dwo file, or empty when it cannot be found. */
    Optional<byte[]> read(String compDir, String dwoName) throws IOException;

    /**
     * gdb's search: the name as given when absolute, else under the compilation directory (itself taken relative
     * to the executable's directory when relative), then beside the executable — so fixtures and builds that were
     * moved after compiling still find their .dwo files.
     */
    static SplitDwarfFiles besideExecutable(Path elfPath) {
        Path elfDir = elfPath.toAbsolutePath().getParent();
        return (compDir, dwoName) -> {
            List<Path> candidates = new ArrayList<>();
            Path name = Path.of(dwoName);
            if (name.isAbsolute()) {
                candidates.add(name);
            } else if (compDir != null) {
                Path dir = Path.of(compDir);
                candidates.add((dir.isAbsolute() || elfDir == null ? dir : elfDir.resolve(dir)).resolve(name));
            }
            if (elfDir != null) {
                candidates.add(elfDir.resolve(name.isAbsolute() ? name.getFileName() : name));
                candidates.add(elfDir.resolve(name.getFileName()));
            }
            for (Path p : candidates) {
                if (Files.isRegularFile(p)) {
                    return Optional.of(Files.readAllBytes(p));
                }
            }
            return Optional.empty();
        };
    }
}
