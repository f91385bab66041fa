package dev.backstep.debuginfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The committed fixture ELFs and the binutils oracles that check our reading of them. */
final class Fixtures {
    static final String[] ALL = {"prog-O0.elf", "prog-Og.elf", "prog-O2.elf", "prog-O0-dwarf4.elf", "prog-O2-dwarf4.elf",
        "prog-O0-split.elf", "prog-O2-split.elf"};

    private Fixtures() {
    }

    static Path dir() {
        Path local = Path.of("src/test/fixtures");
        if (Files.isDirectory(local)) {
            return local;
        }
        return Path.of(System.getProperty("backstep.root", "."), "emulator/debuginfo/src/test/fixtures");
    }

    static Path path(String name) {
        return dir().resolve(name);
    }

    static DebugInfo load(String name) throws Exception {
        return DebugInfo.load(path(name));
    }

    static byte[] bytes(String name) throws IOException {
        return Files.readAllBytes(path(name));
    }

    /** Runs a binutils tool on a fixture, or skips the test with a clear message when the tool is not installed. */
    static List<String> run(String tool, String... args) throws Exception {
        return runIn(null, tool, args);
    }

    /** {@link #run} in a working directory (readelf finds .dwo files through a relative DW_AT_comp_dir). */
    static List<String> runIn(Path dir, String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(List.of(args));
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            p = pb.start();
        } catch (IOException e) {
            assumeTrue(false, tool + " is not installed (apt-get install binutils-riscv64-unknown-elf); "
                    + "skipping the comparison with it");
            return List.of();
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(tool + " did not finish");
        }
        return List.of(new String(out, StandardCharsets.UTF_8).split("\n"));
    }
}
