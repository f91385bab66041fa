package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.debug.Source;

/** Arguments of {@code backstep/runToLine}: "run to cursor" in either direction of time. */
public final class RunToLineArguments {
    private Integer threadId;
    private Source source;
    private Integer line;
    /** true: backward, to the last time the line ran; false or absent: forward, to the next time. */
    private Boolean reverse;

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
