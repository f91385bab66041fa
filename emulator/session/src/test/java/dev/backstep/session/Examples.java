package dev.backstep.session;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Paths of the example programs and fixtures, and a recording listener. */
final class Examples {
    private Examples() {
    }

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("emulator/examples"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find emulator/examples above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static Path example(String name) {
        Path p = root().resolve("emulator/examples/" + name);
        assumeTrue(Files.isRegularFile(p), p + " is missing");
        return p;
    }

    static Path fixture(String name) {
        Path p = root().resolve("emulator/session/src/test/fixtures/" + name);
        assumeTrue(Files.isRegularFile(p), p + " is missing");
        return p;
    }

    static Path debuginfoFixture(String name) {
        Path p = root().resolve("emulator/debuginfo/src/test/fixtures/" + name);
        assumeTrue(Files.isRegularFile(p), p + " is missing");
        return p;
    }

    /** Collects what a session reports. */
    static final class Recorder implements SessionListener {
        final StringBuilder stdout = new StringBuilder();
        final StringBuilder console = new StringBuilder();
        int progressStarts;
        int progressEnds;

        @Override
        public synchronized void output(Category category, String text, long icount) {
            (category == Category.STDOUT ? stdout : console).append(text);
        }

        @Override
        public void progressStart(String id, String title) {
            progressStarts++;
        }

        @Override
        public void progressEnd(String id) {
            progressEnds++;
        }
    }
}
