package dev.backstep.dap.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Knows which request a handler is serving and runs actions right after that request's response has been
 * written. DAP wants the response to a step before the stopped event that ends it; lsp4j writes the
 * response whenever the handler's future completes, on whatever thread, so an operation started on a
 * worker thread from the handler could otherwise send its event first.
 *
 * <p>lsp4j calls every handler synchronously on its single reader thread, so {@link #currentSeq()} read
 * inside a handler is the seq of the request being handled.
 */
public final class RequestTracker {
    private static final Logger LOG = Logger.getLogger(RequestTracker.class.getName());

    private volatile int currentSeq = -1;
    private volatile String currentCommand = "";
    private final Map<Integer, Runnable> afterResponse = new ConcurrentHashMap<>();

    /** seq of the request being handled on the reader thread (-1 outside a request). */
    public int currentSeq() {
        return currentSeq;
    }

    public String currentCommand() {
        return currentCommand;
    }

    /** Runs the action once the response to the current request is on the wire. */
    public void afterResponse(Runnable action) {
        int seq = currentSeq;
        if (seq < 0) {
            action.run();
            return;
        }
        afterResponse.merge(seq, action, (a, b) -> () -> {
            a.run();
            b.run();
        });
    }

    /** The wrapper given to lsp4j for both directions. */
    public MessageConsumer wrap(MessageConsumer consumer) {
        if (consumer instanceof RemoteEndpoint) {
            return message -> incoming(consumer, message);
        }
        return message -> outgoing(consumer, message);
    }

    private void incoming(MessageConsumer delegate, Message message) {
        if (message instanceof RequestMessage r) {
            currentSeq = parseSeq(r);
            currentCommand = r.getMethod();
            try {
                delegate.consume(message);
            } finally {
                currentSeq = -1;
                currentCommand = "";
            }
        } else {
            delegate.consume(message);
        }
    }

    private void outgoing(MessageConsumer delegate, Message message) {
        if (message instanceof ResponseMessage r) {
            ErrorResponses.normalize(r);
        }
        delegate.consume(message);
        if (message instanceof ResponseMessage r) {
            Runnable action = afterResponse.remove(parseId(r.getId()));
            if (action != null) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "after-response action failed", e);
                }
            }
        }
    }

    private static int parseSeq(RequestMessage r) {
        return parseId(r.getId());
    }

    private static int parseId(String id) {
        try {
            return id == null ? -1 : Integer.parseInt(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
