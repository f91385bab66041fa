package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** Body of the {@code backstep/taskSwitches} response. */
public final class TaskSwitchesResponse {
    /** The first icount scanned. */
    private long from;
    /** Where the scan ended. */
    private long to;
    /** The list was cut at its bound, or the scan paused, before the range's end. */
    private boolean truncated;
    /** The stretches in time order. */
    @NonNull
    private TaskSwitchEntry[] switches;

    public long getFrom() {
        return from;
    }

    public void setFrom(long from) {
        this.from = from;
    }

    public long getTo() {
        return to;
    }

    public void setTo(long to) {
        this.to = to;
    }

    public boolean getTruncated() {
        return truncated;
    }

    public void setTruncated(boolean truncated) {
        this.truncated = truncated;
    }

    public TaskSwitchEntry[] getSwitches() {
        return switches;
    }

    public void setSwitches(TaskSwitchEntry[] switches) {
        this.switches = switches;
    }
}
