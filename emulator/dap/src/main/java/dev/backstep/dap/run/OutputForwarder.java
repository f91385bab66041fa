package dev.backstep.dap.run;

import dev.backstep.dap.ClientChannel;
import dev.backstep.session.SessionListener.Category;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;

/**
 * Turns session output into DAP output events. The guest writes a byte at a time; one event per byte
 * would swamp the client, so text is gathered until a newline, a size limit, a short delay, or a stop
 * (which flushes first, so that output and stopped events stay in order).
 */
public final class OutputForwarder {
    private static final int FLUSH_SIZE = 8192;
    private static final long FLUSH_DELAY_MS = 50;

    private final ClientChannel client;
    private final StringBuilder buffer = new StringBuilder();
    private Category bufferedCategory;
    private boolean flushScheduled;

    public OutputForwarder(ClientChannel client) {
        this.client = client;
    }

    public synchronized void append(Category category, String text) {
        if (bufferedCategory != null && bufferedCategory != category) {
            flush();
        }
        bufferedCategory = category;
        buffer.append(text);
        if (text.indexOf('\n') >= 0 || buffer.length() >= FLUSH_SIZE) {
            flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            Timers.SCHEDULER.schedule(this::flush, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends what is buffered; a line of text from the server itself goes straight out after it. */
    public synchronized void console(String line) {
        flush();
        send(OutputEventArgumentsCategory.CONSOLE, line.endsWith("\n") ? line : line + "\n");
    }

    public synchronized void flush() {
        flushScheduled = false;
        if (buffer.length() == 0) {
            return;
        }
        String category = bufferedCategory == Category.STDOUT ? OutputEventArgumentsCategory.STDOUT
                : OutputEventArgumentsCategory.CONSOLE;
        String text = buffer.toString();
        buffer.setLength(0);
        send(category, text);
    }

    private void send(String category, String text) {
        OutputEventArguments e = new OutputEventArguments();
        e.setCategory(category);
        e.setOutput(text);
        client.send(c -> c.output(e));
    }
}
