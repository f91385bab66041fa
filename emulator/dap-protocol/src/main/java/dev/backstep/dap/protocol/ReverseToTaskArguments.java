package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** Arguments of {@code backstep/reverseToTask}. */
public final class ReverseToTaskArguments {
    /** The task's thread: goes back to where it last ran (the last instruction it ran before the kernel switched away from it). */
    @NonNull
    private Integer threadId;

    public Integer getThreadId() {
        return threadId;
    }

    public void setThreadId(Integer threadId) {
        this.threadId = threadId;
    }
}
