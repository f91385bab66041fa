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
    private volatile boolean invalidatedEvents;
    private volatile boolean memoryEvents;
    private volatile int lineBase = 1;
    private volatile int columnBase = 1;

    void connect(IDebugProtocolClient c) {
        this.client = c;
    }

    void clientInitialized(InitializeRequestArguments args) {
        progressReporting = Boolean.TRUE.equals(args.getSupportsProgressReporting());
        invalidatedEvents = Boolean.TRUE.equals(args.getSupportsInvalidatedEvent());
        memoryEvents = Boolean.TRUE.equals(args.getSupportsMemoryEvent());
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

    /**
     * The program's state changed without a stop (a variable, an expression or memory set at the live end): the
     * client shows values again ({@code invalidated}) and its memory views ({@code memory}) where it supports them.
     */
    public void stateChanged(long address, int length) {
        if (invalidatedEvents) {
            org.eclipse.lsp4j.debug.InvalidatedEventArguments e = new org.eclipse.lsp4j.debug.InvalidatedEventArguments();
            e.setAreas(new String[] {"variables"});
            send(c -> c.invalidated(e));
        }
        if (memoryEvents && address >= 0 && length > 0) {
            org.eclipse.lsp4j.debug.MemoryEventArguments e = new org.eclipse.lsp4j.debug.MemoryEventArguments();
            e.setMemoryReference(String.format("0x%08x", address));
            e.setOffset(0);
            e.setCount(length);
            send(c -> c.memory(e));
        }
    }

    /** A 1-based line as the client counts lines. */
    public int toClientLine(int line) {
        return line <= 0 ? 0 : line - 1 + lineBase;
    }

    public int fromClientLine(int line) {
        return line + 1 - lineBase;
    }

    /** 0 or 1: where the client starts counting columns (also positions within a completions text). */
    public int columnBase() {
        return columnBase;
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
