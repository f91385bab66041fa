package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** One stretch of a task-switch timeline: from {@code icount} on, this thread ran. */
public final class TaskSwitchEntry {
    /** Where the switch happened (the kernel's current task changed): "go there" seeks here. */
    private long icount;
    /** The task's thread; 1 (the hart) for code outside any task, before the scheduler. */
    private int threadId;
    /** The task's name at the switch. */
    @NonNull
    private String name;

    public long getIcount() {
        return icount;
    }

    public void setIcount(long icount) {
        this.icount = icount;
    }

    public int getThreadId() {
        return threadId;
    }

    public void setThreadId(int threadId) {
        this.threadId = threadId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
