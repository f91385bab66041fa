package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** Arguments of {@code backstep/runToLine}: "run to cursor" in either direction of time. */
public final class RunToLineArguments {
    private Integer threadId;
    /** The file, by path (as the client names it). */
    @NonNull
    private Source source;
    /** The line, counted as the client's {@code linesStartAt1} says. */
    @NonNull
    private Integer line;
    /** true: backward, to the last time the line ran; false or absent: forward, to the next time. */
    private Boolean reverse;

    public RunToLineArguments() {
    }

    public RunToLineArguments(int threadId, String path, int line, boolean reverse) {
        this.threadId = threadId;
        this.source = new Source();
        this.source.setPath(path);
        this.line = line;
        this.reverse = reverse;
    }

    public Integer getThreadId() {
        return threadId;
    }

    public void setThreadId(Integer threadId) {
        this.threadId = threadId;
    }

    public Source getSource() {
        return source;
    }

    public void setSource(Source source) {
        this.source = source;
    }

    public Integer getLine() {
        return line;
    }

    public void setLine(Integer line) {
        this.line = line;
    }

    public Boolean getReverse() {
        return reverse;
    }

    public void setReverse(Boolean reverse) {
        this.reverse = reverse;
    }
}
