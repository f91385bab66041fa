package dev.backstep.gdbserver;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The example ELFs of emulator/examples. */
final class Examples {
    private Examples() {
    }

    static Path root() {
        String r = System.getProperty("backstep.root");
        return (r != null ? Path.of(r) : Path.of("../..")).toAbsolutePath().normalize();
    }

    static Path elf(String name) {
        Path p = root().resolve("emulator/examples").resolve(name + ".elf");
        Assumptions.assumeTrue(Files.isRegularFile(p), "example ELF missing: " + p + " (build emulator/examples)");
        return p;
    }
}
