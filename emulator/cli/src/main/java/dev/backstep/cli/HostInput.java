package dev.backstep.cli;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.LiveInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the guest's UART input comes from: stdin, or a file given with --input. */
final class HostInput implements AutoCloseable {
    private final InputStream stream;
    private final ExternalInput source;

    private HostInput(InputStream stream) {
        this.stream = stream;
        this.source = new LiveInput(stream);
    }

    /** @param file a path, "-" or null for stdin */
    static HostInput open(String file) throws IOException {
        if (file == null || file.equals("-")) {
            return new HostInput(System.in);
        }
        return new HostInput(Files.newInputStream(UserFiles.requireReadable(Path.of(file))));
    }

    ExternalInput source() {
        return source;
    }

    @Override
    public void close() throws IOException {
        if (stream != System.in) {
            stream.close();
        }
    }
}
