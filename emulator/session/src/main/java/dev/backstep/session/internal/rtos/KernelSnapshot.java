package dev.backstep.session.internal.rtos;

import java.util.List;

/**
 * The RTOS's tasks at one moment.
 *
 * @param schedulerRunning whether the tasks share the hart yet (before the scheduler starts, the code that runs is
 *                         the start-up code, not a task)
 * @param current          the task control block of the task on the hart (the kernel's view), 0 for none
 * @param tasks            every task found, in the kernel's list order (bounded)
 * @param problem          why the picture may be incomplete (a list being changed at this very instruction), or null
 */
public record KernelSnapshot(boolean schedulerRunning, long current, List<KernelTask> tasks, String problem) {
    public KernelSnapshot {
        tasks = List.copyOf(tasks);
    }

    public static KernelSnapshot empty(String problem) {
        return new KernelSnapshot(false, 0, List.of(), problem);
    }
}
