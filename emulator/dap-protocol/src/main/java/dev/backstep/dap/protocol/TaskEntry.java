package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** One RTOS task in {@code backstep/tasks}. */
public final class TaskEntry {
    /** The DAP thread that stands for it (stable for the session). */
    private int threadId;
    /** Its name. */
    @NonNull
    private String name;
    /** running, ready, blocked, suspended or deleted. */
    @NonNull
    private String state;
    /** Its priority now. */
    private int priority;
    /** Address of its control block. */
    private long tcb;
    /** Lowest address of its stack. */
    private long stackLow;
    /** One past the highest address of its stack, -1 when the kernel does not record it. */
    private long stackHigh;
    /** Bytes of its stack never used (the high-water mark), -1 when unknown. */
    private long stackFree;
    /** Where it is: the hart's pc when it runs, else where it resumes; -1 when unknown. */
    private long pc;

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

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    public long getTcb() {
        return tcb;
    }

    public void setTcb(long tcb) {
        this.tcb = tcb;
    }

    public long getStackLow() {
        return stackLow;
    }

    public void setStackLow(long stackLow) {
        this.stackLow = stackLow;
    }

    public long getStackHigh() {
        return stackHigh;
    }

    public void setStackHigh(long stackHigh) {
        this.stackHigh = stackHigh;
    }

    public long getStackFree() {
        return stackFree;
    }

    public void setStackFree(long stackFree) {
        this.stackFree = stackFree;
    }

    public long getPc() {
        return pc;
    }

    public void setPc(long pc) {
        this.pc = pc;
    }
}
