package dev.backstep.dap;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

/**
 * The way to the client: events are sent through here so that a client that has gone away cannot throw
 * into a worker thread, and the client's own capabilities (progress, line base) are remembered.
 */
public final class ClientChannel {
    private static final Logger LOG = Logger.getLogger(ClientChannel.class.getName());

    private volatile IDebugProtocolClient client;
    private volatile boolean closed;
    private volatile boolean progressReporting;
    private volatile int lineBase = 1;
    private volatile int columnBase = 1;

    void connect(IDebugProtocolClient c) {
        this.client = c;
    }

    void clientInitialized(InitializeRequestArguments args) {
        progressReporting = Boolean.TRUE.equals(args.getSupportsProgressReporting());
        lineBase = Boolean.FALSE.equals(args.getLinesStartAt1()) ? 0 : 1;
        columnBase = Boolean.FALSE.equals(args.getColumnsStartAt1()) ? 0 : 1;
    }

    void markClosed() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    public boolean supportsProgress() {
        return progressReporting;
    }

    /** A 1-based line as the client counts lines. */
    public int toClientLine(int line) {
        return line <= 0 ? 0 : line - 1 + lineBase;
    }

    public int fromClientLine(int line) {
        return line + 1 - lineBase;
    }

    public int toClientColumn(int column) {
        return column <= 0 ? 0 : column - 1 + columnBase;
    }

    /** Sends an event; failures (client gone) are logged, never thrown. */
    public void send(Consumer<IDebugProtocolClient> event) {
        IDebugProtocolClient c = client;
        if (c == null || closed) {
            return;
        }
        try {
            event.accept(c);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not send an event; the client has probably gone", e);
        }
    }
}
