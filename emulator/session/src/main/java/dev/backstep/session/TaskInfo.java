package dev.backstep.session;

/**
 * One RTOS task at the current stop, as the program's kernel keeps it (read through its debug info).
 *
 * @param threadId   the thread that stands for the task in {@link DebugSession#threads()}; stable for the session
 * @param tcb        address of the task's control block
 * @param name       the task's name ("Rx")
 * @param state      what it is doing
 * @param priority   its priority now
 * @param stackLow   lowest address of its stack
 * @param stackHigh  one past the highest address of its stack, or -1 when the kernel does not record it
 * @param stackFree  bytes of its stack never used yet (the high-water mark), or -1 when unknown
 * @param pc         where it is: the hart's pc when it runs, else where it resumes
 */
public record TaskInfo(int threadId, long tcb, String name, TaskState state, int priority, long stackLow, long stackHigh,
                       long stackFree, long pc) {

    /** The thread name shown by the clients: {@code Rx (blocked, prio 2)}. */
    public String threadName() {
        return name + " (" + state.word() + ", prio " + priority + ")";
    }
}
