package dev.backstep.eclipse.core.dap;

import org.eclipse.lsp4j.debug.Source;

/** Arguments of {@code backstep/runToLine}: run to a source line, forward or backward in time. */
public final class RunToLineArguments {
    private final Integer threadId;
    private final Source source;
    private final Integer line;
    private final Boolean reverse;

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

    public Source getSource() {
        return source;
    }

    public Integer getLine() {
        return line;
    }

    public Boolean getReverse() {
        return reverse;
    }
}
