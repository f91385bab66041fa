package dev.backstep.session.internal;

import dev.backstep.session.SessionListener;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns the timeline's byte-wise UART output into text for the listener (a line at a time, the rest at the end of
 * each request), and its progress reports into start/update/end triples.
 */
final class SessionOutput {
    private final SessionListener listener;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long pendingIcount = -1;
    private String progressId;
    private int progressCount;
    private long lastPercentAt;

    SessionOutput(SessionListener listener) {
        this.listener = listener;
    }

    void begin() {
        progressId = null;
    }

    void uart(byte b, long icount) {
        if (pendingIcount < 0) {
            pendingIcount = icount;
        }
        pending.write(b);
        if (b == '\n' || pending.size() >= 4096) {
            flush();
        }
    }

    void console(String text, long icount) {
        flush();
        listener.output(SessionListener.Category.CONSOLE, text, icount);
    }

    void flush() {
        if (pending.size() == 0) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        int cut = bytes.length;
        // keep an incomplete UTF-8 sequence for the next flush
        int back = 0;
        while (back < 3 && cut - back - 1 >= 0 && (bytes[cut - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        if (cut - back - 1 >= 0 && (bytes[cut - back - 1] & 0xC0) == 0xC0 && bytes[bytes.length - 1] != '\n') {
            cut = cut - back - 1;
        }
        String text = new String(bytes, 0, cut, StandardCharsets.UTF_8);
        long at = pendingIcount;
        pending.reset();
        pending.write(bytes, cut, bytes.length - cut);
        pendingIcount = pending.size() > 0 ? at : -1;
        if (!text.isEmpty()) {
            listener.output(SessionListener.Category.STDOUT, text, at);
        }
    }

    void progress(String task, long done, long total) {
        if (progressId == null) {
            progressId = "backstep-" + (++progressCount);
            listener.progressStart(progressId, task);
        }
        int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : -1;
        listener.progressUpdate(progressId, String.format("%s: %,d instructions", task, done), percent);
        lastPercentAt = done;
    }

    void end() {
        if (pending.size() > 0) {
            // whatever is left goes out whole, even a cut UTF-8 sequence
            byte[] bytes = pending.toByteArray();
            pending.reset();
            listener.output(SessionListener.Category.STDOUT, new String(bytes, StandardCharsets.UTF_8), pendingIcount);
            pendingIcount = -1;
        }
        if (progressId != null) {
            listener.progressEnd(progressId);
            progressId = null;
        }
    }
}
