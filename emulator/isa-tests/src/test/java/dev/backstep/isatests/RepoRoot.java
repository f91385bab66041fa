package dev.backstep.isatests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the surefire property, else the nearest ancestor holding emulator/examples. */
final class RepoRoot {
    private static final Path ROOT = locate();

    private RepoRoot() {
    }

    static Path get() {
        return ROOT;
    }

    static Path resolve(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path locate() {
        String prop = System.getProperty("backstep.root");
        if (prop != null && !prop.isBlank() && isRoot(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (isRoot(p)) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the Backstep repository root (no emulator/examples above "
                + Path.of("").toAbsolutePath() + "); set -Dbackstep.root");
    }

    private static boolean isRoot(Path p) {
        return Files.isDirectory(p.resolve("emulator/examples")) && Files.isDirectory(p.resolve("emulator/isa-tests"));
    }
}
