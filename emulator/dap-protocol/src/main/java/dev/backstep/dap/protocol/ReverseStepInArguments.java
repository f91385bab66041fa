package dev.backstep.dap.protocol;

/**
 * Arguments of {@code backstep/reverseStepIn}: DAP's stepBack has no "into" variant. {@code granularity} as in
 * DAP's stepping requests ("statement", "line", "instruction"); absent means a source line.
 */
public final class ReverseStepInArguments {
    private Integer threadId;
    private String granularity;

    public ReverseStepInArguments() {
    }

    public ReverseStepInArguments(int threadId) {
        this.threadId = threadId;
    }

    public Integer getThreadId() {
        return threadId;
    }

    public void setThreadId(Integer threadId) {
        this.threadId = threadId;
    }

    public String getGranularity() {
        return granularity;
    }

    public void setGranularity(String granularity) {
        this.granularity = granularity;
    }
}
