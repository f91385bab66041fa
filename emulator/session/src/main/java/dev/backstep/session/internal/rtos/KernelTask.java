package dev.backstep.session.internal.rtos;

import dev.backstep.session.TaskState;

/**
 * One task as its kernel keeps it.
 *
 * @param tcb       address of its control block (its identity)
 * @param name      its name
 * @param state     what it does (RUNNING for the kernel's current task once the scheduler runs)
 * @param priority  its priority now
 * @param stackLow  lowest address of its stack
 * @param stackHigh one past the highest address of its stack, or -1 when the kernel does not record it
 * @param stackFree bytes at the low end of its stack never written (the high-water mark), -1 when unknown
 * @param context   its saved registers, null when it runs (its registers are the hart's) or they cannot be read
 */
public record KernelTask(long tcb, String name, TaskState state, int priority, long stackLow, long stackHigh,
                         long stackFree, SavedContext context) {
}
