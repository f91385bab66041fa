package dev.backstep.dap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;

/**
 * One direction of a test connection, through an operating-system pipe. {@code java.io.PipedInputStream} is not
 * used: its reader fails with "Write end dead" once the last thread that wrote has ended (the server's worker
 * thread ends at disconnect), which made tests fail on loaded machines.
 */
record OsPipe(InputStream in, OutputStream out) {
    static OsPipe open() throws IOException {
        Pipe p = Pipe.open();
        return new OsPipe(Channels.newInputStream(p.source()), Channels.newOutputStream(p.sink()));
    }
}
