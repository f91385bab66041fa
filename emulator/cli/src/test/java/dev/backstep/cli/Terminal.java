package dev.backstep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code backstep.jar} in a real pseudo-terminal, as a user at a shell runs it: through util-linux's {@code script}
 * (Debian's bsdutils, always installed), so that the console sees a terminal and a typed Ctrl-C is turned into
 * SIGINT by the terminal's line discipline, not sent by the test. Waits are for text, with generous deadlines.
 */
final class Terminal implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofMinutes(3);
    static final String CTRL_C = "\u0003";

    private final Process process;
    private final OutputStream keyboard;
    private final StringBuilder screen = new StringBuilder();
    /** Where the next wait starts looking: what a wait matched is not matched again. */
    private int consumed;
    /** The terminal's output ended (the program and script are gone, everything they wrote is read). */
    private boolean closed;

    private Terminal(Process process) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        Thread reader = new Thread(this::read, "terminal-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Why a terminal cannot be had here, or null. */
    static String unavailable() {
        if (!onPath("script")) {
            return "util-linux 'script' is not installed (Debian: bsdutils), so no pseudo-terminal for the Ctrl-C tests";
        }
        if (sigintIgnoredHere() && !onPath("perl")) {
            return "this process ignores SIGINT (started with nohup or in the background) and perl, which would "
                    + "restore it for the child, is not installed";
        }
        if (!Files.isRegularFile(jar())) {
            return "no " + jar() + " (the jar is built in 'package')";
        }
        return null;
    }

    static Path jar() {
        String p = System.getProperty("backstep.jar");
        return p != null ? Path.of(p) : CliRunner.root().resolve("emulator/cli/target/backstep.jar");
    }

    /** {@code java -jar backstep.jar ARGS} in a new pseudo-terminal, working in {@code dir}. */
    static Terminal start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            // an ignored signal stays ignored across exec: give the child Ctrl-C back, as a shell at a terminal would
            command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "--"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        StringBuilder shell = new StringBuilder("exec");
        for (String c : command) {
            shell.append(" '").append(c.replace("'", "'\\''")).append('\'');
        }
        ProcessBuilder pb = new ProcessBuilder("script", "--quiet", "--flush", "--return", "--command",
                shell.toString(), "/dev/null");
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true);
        pb.environment().put("TERM", "dumb");
        return new Terminal(pb.start());
    }

    private void read() {
        byte[] buf = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                String text = new String(buf, 0, n, StandardCharsets.UTF_8).replace("\r", "");
                synchronized (screen) {
                    screen.append(text);
                    screen.notifyAll();
                }
            }
        } catch (IOException e) {
            // the terminal closed
        } finally {
            synchronized (screen) {
                closed = true;
                screen.notifyAll();
            }
        }
    }

    void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Waits until {@code text} appears after what earlier waits matched; returns the screen up to its end. */
    String waitFor(String text) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        synchronized (screen) {
            while (true) {
                int at = screen.indexOf(text, consumed);
                if (at >= 0) {
                    consumed = at + text.length();
                    return screen.substring(0, consumed);
                }
                long left = end - System.nanoTime();
                if (left <= 0 || closed) {
                    throw new AssertionError("no '" + text + "' within " + DEADLINE + " on the terminal:\n" + screen);
                }
                screen.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    /**
     * Types {@code keys}, and again every {@code every} until {@code text} appears: a Ctrl-C that lands in the instant
     * before a run starts is pressed once more, and a line the terminal discarded (a Ctrl-C flushes typed-ahead
     * input) is typed again, rather than the test guessing how long things take.
     */
    String typeUntil(String keys, String text, Duration every) throws IOException, InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        synchronized (screen) {
            while (screen.indexOf(text, consumed) < 0) {
                if (System.nanoTime() > end || closed) {
                    throw new AssertionError("no '" + text + "' on the terminal:\n" + screen);
                }
                type(keys);
                long next = System.nanoTime() + every.toNanos();
                for (long left = every.toMillis(); left > 0 && screen.indexOf(text, consumed) < 0 && !closed;
                     left = TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime())) {
                    screen.wait(left);
                }
            }
        }
        return waitFor(text);
    }

    /** The exit status of the program (script passes it on). */
    int exitStatus() throws InterruptedException {
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the program did not end within " + DEADLINE + ":\n" + screen());
        }
        return process.exitValue();
    }

    String screen() {
        synchronized (screen) {
            return screen.toString();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Whether SIGINT is ignored in this process (bit 1 of SigIgn in /proc/self/status), which children inherit. */
    private static boolean sigintIgnoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 2) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: assume the usual
        }
        return false;
    }
}
