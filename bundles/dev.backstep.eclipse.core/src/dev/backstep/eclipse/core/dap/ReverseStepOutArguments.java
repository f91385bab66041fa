package dev.backstep.eclipse.core.dap;

/** Arguments of {@code backstep/reverseStepOut}. */
public final class ReverseStepOutArguments {
    private Integer threadId;

    public ReverseStepOutArguments(int threadId) {
        this.threadId = threadId;
    }

    public Integer getThreadId() {
        return threadId;
    }
}
