package dev.backstep.cli;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.HostSemihosting;
import dev.backstep.machine.LiveInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the guest's UART input comes from: stdin, or a file given with --input. */
final class HostInput implements AutoCloseable {
    private final InputStream stream;
    private final ExternalInput source;

    private final HostSemihosting semihosting;

    private HostInput(InputStream stream, HostSemihosting semihosting) {
        this.stream = stream;
        this.semihosting = semihosting;
        this.source = new LiveInput(stream).withSemihosting(semihosting);
    }

    /** @param file a path, "-" or null for stdin */
    static HostInput open(String file) throws IOException {
        return open(file, null);
    }

    /**
     * @param file        a path, "-" or null for stdin (the UART's input and semihosting's console input)
     * @param semihosting semihosting's files and clocks, or null
     */
    static HostInput open(String file, HostSemihosting semihosting) throws IOException {
        if (file == null || file.equals("-")) {
            return new HostInput(System.in, semihosting);
        }
        return new HostInput(Files.newInputStream(UserFiles.requireReadable(Path.of(file))), semihosting);
    }

    ExternalInput source() {
        return source;
    }

    @Override
    public void close() throws IOException {
        if (semihosting != null) {
            semihosting.closeAll();
        }
        if (stream != System.in) {
            stream.close();
        }
    }
}
