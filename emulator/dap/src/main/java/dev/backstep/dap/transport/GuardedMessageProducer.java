package dev.backstep.dap.transport;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * lsp4j's stream reader, hardened against a misbehaving client: an absurd Content-Length is refused
 * instead of allocated, a header line with garbage in front of "Content-Length:" still resynchronises,
 * and a body that is not valid JSON still gets an error response when its seq and command can be read.
 * Nothing a client sends may end the reader thread except the end of the stream.
 */
final class GuardedMessageProducer extends StreamMessageProducer {
    private static final Logger LOG = Logger.getLogger(GuardedMessageProducer.class.getName());
    static final int MAX_CONTENT_LENGTH = 16 << 20;
    private static final String HEADER = "content-length:";

    private final MessageJsonHandler jsonHandler;
    private final MessageIssueHandler issueHandler;
    private MessageConsumer callback;

    GuardedMessageProducer(InputStream input, MessageJsonHandler jsonHandler, MessageIssueHandler issueHandler) {
        super(input, jsonHandler, issueHandler);
        this.jsonHandler = jsonHandler;
        this.issueHandler = issueHandler;
    }

    @Override
    public void listen(MessageConsumer consumer) {
        this.callback = consumer;
        super.listen(consumer);
    }

    @Override
    protected void parseHeader(String line, Headers headers) {
        int at = line.toLowerCase(Locale.ROOT).lastIndexOf(HEADER);
        if (at < 0) {
            super.parseHeader(line, headers);
            return;
        }
        String value = line.substring(at + HEADER.length()).trim();
        try {
            long n = Long.parseLong(value);
            if (n < 0 || n > MAX_CONTENT_LENGTH) {
                LOG.warning(() -> "Ignoring a message with Content-Length " + value + " (limit " + MAX_CONTENT_LENGTH + ")");
                headers.contentLength = -1;
            } else {
                headers.contentLength = (int) n;
            }
        } catch (NumberFormatException e) {
            LOG.warning(() -> "Ignoring a message with a malformed Content-Length: '" + value + "'");
            headers.contentLength = -1;
        }
    }

    @Override
    protected boolean handleMessage(InputStream input, Headers headers) throws IOException {
        byte[] buffer = new byte[headers.contentLength];
        int read = 0;
        while (read < buffer.length) {
            int n = input.read(buffer, read, buffer.length - read);
            if (n < 0) {
                return false;
            }
            read += n;
        }
        String content = new String(buffer, charset(headers.charset));
        Message message;
        try {
            message = jsonHandler.parseMessage(content);
        } catch (MessageIssueException e) {
            issueHandler.handle(e.getRpcMessage(), e.getIssues());
            return true;
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | ClassCastException
                 | NumberFormatException e) {
            rejectUnparseable(content, e);
            return true;
        }
        try {
            callback.consume(message);
        } catch (MessageIssueException e) {
            issueHandler.handle(e.getRpcMessage(), e.getIssues());
        } catch (RuntimeException e) {
            // a bug in a handler must not end the connection
            LOG.log(Level.SEVERE, "Error while handling " + message, e);
        }
        return true;
    }

    @Override
    protected void fireError(Throwable error) {
        LOG.log(Level.WARNING, "Protocol error from the client: " + error.getMessage());
    }

    private void rejectUnparseable(String content, Exception e) {
        String why = "Malformed message: " + firstLine(e.getMessage());
        var salvaged = SalvagedRequest.from(content);
        if (salvaged == null) {
            LOG.warning(() -> why + " (no seq/command to answer to)");
            return;
        }
        issueHandler.handle(salvaged, List.of(new MessageIssue(why, ResponseErrorCode.ParseError.getValue())));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "not valid JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Charset charset(String name) {
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
