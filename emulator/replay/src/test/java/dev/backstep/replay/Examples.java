package dev.backstep.replay;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.stop.StopSet;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the example ELFs and records them for tests. */
final class Examples {
    private Examples() {
    }

    static Path root() {
        String r = System.getProperty("backstep.root");
        Path p = r != null ? Path.of(r) : Path.of("../..");
        return p.toAbsolutePath().normalize();
    }

    static Path elf(String name) {
        Path p = root().resolve("emulator/examples").resolve(name + ".elf");
        Assumptions.assumeTrue(Files.isRegularFile(p), "example ELF missing: " + p + " (build emulator/examples)");
        return p;
    }

    static ExternalInput input(String name) throws IOException {
        Path in = root().resolve("emulator/examples").resolve(name + ".input");
        if (!Files.isRegularFile(in)) {
            return ExternalInput.none();
        }
        return new TypedInput(Files.readString(in, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Records the example to its end into {@code out}; returns the recording's length in instructions. */
    static long record(String name, Path out, TimelineOptions opts) throws IOException {
        try (Timeline t = Timeline.record(elf(name), out, input(name), MachineConfig.defaults(), opts)) {
            t.runForward(StopSet.none(), Long.MAX_VALUE);
            return t.icount();
        }
    }
}
