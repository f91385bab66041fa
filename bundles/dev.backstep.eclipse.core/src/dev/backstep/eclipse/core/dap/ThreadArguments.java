package dev.backstep.eclipse.core.dap;

/** Arguments naming just the thread: {@code backstep/reverseStepOut} and {@code backstep/reverseStepIn}. */
public final class ThreadArguments {
    private Integer threadId;

    public ThreadArguments(int threadId) {
        this.threadId = threadId;
    }

    public Integer getThreadId() {
        return threadId;
    }
}
