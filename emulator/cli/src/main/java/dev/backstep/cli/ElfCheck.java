package dev.backstep.cli;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Up-front file checks, so a typo gives one clear line rather than an exception from deep inside. */
final class ElfCheck {
    private ElfCheck() {
    }

    static void requireReadable(Path p) throws FileNotFoundException {
        if (!Files.isRegularFile(p)) {
            throw new FileNotFoundException("no such file: " + p);
        }
        if (!Files.isReadable(p)) {
            throw new FileNotFoundException("cannot read " + p);
        }
    }
}
