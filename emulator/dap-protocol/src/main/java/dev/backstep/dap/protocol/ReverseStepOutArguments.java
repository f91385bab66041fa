package dev.backstep.dap.protocol;

/** Arguments of {@code backstep/reverseStepOut}. */
public final class ReverseStepOutArguments {
    private Integer threadId;

    public ReverseStepOutArguments() {
    }

    public ReverseStepOutArguments(int threadId) {
        this.threadId = threadId;
    }

    public Integer getThreadId() {
        return threadId;
    }

    public void setThreadId(Integer threadId) {
        this.threadId = threadId;
    }
}
