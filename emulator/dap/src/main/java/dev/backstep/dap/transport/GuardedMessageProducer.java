package dev.backstep.dap.transport;

import com.google.gson.JsonParseException;
import dev.backstep.dap.DapLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
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
    static final int MAX_CONTENT_LENGTH = DapLimits.MAX_MESSAGE_BYTES;
    private static final String HEADER = "content-length:";
    /** What a header line keeps of itself: its end, where a Content-Length after garbage is found. */
    private static final int HEADER_TAIL = DapLimits.MAX_HEADER_LINE;
    /** What is kept of a skipped body to find its seq and command. */
    private static final int SALVAGE_PREFIX = 64 << 10;

    private final MessageJsonHandler jsonHandler;
    private final MessageIssueHandler issueHandler;
    private MessageConsumer callback;
    private volatile boolean running;

    /** lsp4j's headers of one message (its constructor is reachable only through a subclass). */
    private static final class MessageHeaders extends Headers {
    }
    /** Why the Content-Length of the message being read is unusable, or null. */
    private String badLength;

    GuardedMessageProducer(InputStream input, MessageJsonHandler jsonHandler, MessageIssueHandler issueHandler) {
        super(input, jsonHandler, issueHandler);
        this.jsonHandler = jsonHandler;
        this.issueHandler = issueHandler;
    }

    /**
     * lsp4j's header loop, with every line bounded (a long line keeps its first and last {@link #HEADER_TAIL} characters, so
     * a megabyte without a newline costs nothing) and an unusable Content-Length answered instead of only logged: the
     * body that follows is read as far as its JSON object goes (bounded) and the request in it gets an error
     * response naming the header. DAP has no reply for a message whose seq cannot be read, so that one is logged
     * and skipped.
     */
    @Override
    public void listen(MessageConsumer consumer) {
        this.callback = consumer;
        this.running = true;
        PushbackInputStream in = new PushbackInputStream(getInput(), 1);
        try {
            Headers headers = new MessageHeaders();
            StringBuilder line = new StringBuilder();
            long lineLength = 0;
            String head = null;
            boolean anyHeader = false;
            boolean newLine = false;
            while (running) {
                int c = in.read();
                if (c == -1) {
                    return;
                }
                if (c == '\n') {
                    if (newLine) {
                        if (badLength != null) {
                            answerUnusableLength(in);
                        } else if (headers.contentLength >= 0) {
                            if (!handleMessage(in, headers)) {
                                return;
                            }
                        } else if (anyHeader) {
                            LOG.warning("Skipping a message without a Content-Length header");
                        }
                        headers = new MessageHeaders();
                        badLength = null;
                        anyHeader = false;
                        newLine = false;
                        continue;
                    }
                    if (lineLength > 0) {
                        if (head != null) {
                            LOG.warning("A header line of " + lineLength + " characters (only its start and end are read)");
                        }
                        parseHeader(head == null ? line.toString() : head + line, headers);
                        anyHeader = true;
                        line.setLength(0);
                        lineLength = 0;
                        head = null;
                    }
                    newLine = true;
                } else if (c != '\r') {
                    line.append((char) c);
                    lineLength++;
                    if (line.length() >= 2 * HEADER_TAIL) {
                        if (head == null) {
                            head = line.substring(0, HEADER_TAIL);
                        }
                        line.delete(0, line.length() - HEADER_TAIL);
                    }
                    newLine = false;
                }
            }
        } catch (IOException e) {
            if (running && !org.eclipse.lsp4j.jsonrpc.JsonRpcException.indicatesStreamClosed(e)) {
                throw new org.eclipse.lsp4j.jsonrpc.JsonRpcException(e);
            }
        } finally {
            running = false;
            callback = null;
        }
    }

    @Override
    public void close() {
        running = false;
        super.close();
    }

    /**
     * The message after a Content-Length that cannot be used: when a JSON object follows, it is read (up to the
     * message size limit, keeping only its start) and its request answered with the reason; anything else is left
     * for the header loop, which finds the next Content-Length.
     */
    private void answerUnusableLength(PushbackInputStream in) throws IOException {
        String why = badLength;
        int first = in.read();
        if (first < 0) {
            return;
        }
        if (first != '{') {
            in.unread(first);
            LOG.warning(() -> why + "; no message body follows, skipped");
            return;
        }
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        kept.write(first);
        int depth = 1;
        boolean inString = false;
        boolean escaped = false;
        long read = 1;
        while (depth > 0 && read < MAX_CONTENT_LENGTH) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            read++;
            if (kept.size() < SALVAGE_PREFIX) {
                kept.write(c);
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
        var salvaged = SalvagedRequest.from(kept.toString(StandardCharsets.UTF_8));
        if (salvaged == null) {
            LOG.warning(() -> why + "; its message names no request to answer, skipped");
            return;
        }
        issueHandler.handle(salvaged, List.of(new MessageIssue(why + " (the request was skipped)",
                ResponseErrorCode.InvalidRequest.getValue())));
    }

    @Override
    protected void parseHeader(String line, Headers headers) {
        int at = line.toLowerCase(Locale.ROOT).lastIndexOf(HEADER);
        if (at < 0) {
            super.parseHeader(line, headers);
            return;
        }
        String value = line.substring(at + HEADER.length()).trim();
        String shown = DapLimits.preview(value);
        headers.contentLength = -1;
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                badLength = "Malformed header: Content-Length " + shown + " is negative";
            } else if (n > MAX_CONTENT_LENGTH) {
                badLength = "Message too large: Content-Length " + shown + " (limit " + MAX_CONTENT_LENGTH + " bytes)";
            } else {
                headers.contentLength = (int) n;
                badLength = null;
            }
        } catch (NumberFormatException e) {
            badLength = "Malformed header: Content-Length '" + shown + "' is not a number of bytes";
        }
        if (badLength != null) {
            LOG.warning(badLength);
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
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // a bug in a handler must not end the connection: lsp4j has answered the request with an error response
            // and rethrows Errors, which would end this reader thread and with it the session
            LOG.log(Level.SEVERE, "Error while handling " + DapLimits.preview(String.valueOf(message)), e);
        }
        return true;
    }

    @Override
    protected void fireError(Throwable error) {
        LOG.log(Level.WARNING, "Protocol error from the client: " + DapLimits.preview(error.getMessage()));
    }

    private void rejectUnparseable(String content, Exception e) {
        String why = "Malformed message: " + DapLimits.preview(firstLine(e.getMessage()));
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
