package dev.backstep.session.internal;

import dev.backstep.session.TaskInfo;
import dev.backstep.session.TaskState;
import dev.backstep.session.ThreadInfo;
import dev.backstep.session.internal.rtos.KernelSnapshot;
import dev.backstep.session.internal.rtos.KernelTask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tasks at one stop, each with its thread id: which thread runs (the kernel's current task once its scheduler
 * runs, else the hart) and the saved context of every other one.
 */
final class StopTasks {
    private final KernelSnapshot snapshot;
    private final List<TaskInfo> tasks;
    private final List<KernelTask> kernelTasks;
    private final int running;

    StopTasks(KernelSnapshot snapshot, int[] threadIds, int hartPc) {
        this.snapshot = snapshot;
        List<TaskInfo> infos = new ArrayList<>();
        List<KernelTask> kts = new ArrayList<>();
        int run = TaskThreads.HART;
        for (int i = 0; i < threadIds.length; i++) {
            KernelTask t = snapshot.tasks().get(i);
            long pc = t.state() == TaskState.RUNNING ? hartPc & 0xffffffffL
                    : t.context() != null ? t.context().pc() & 0xffffffffL : -1;
            infos.add(new TaskInfo(threadIds[i], t.tcb(), t.name(), t.state(), t.priority(), t.stackLow(),
                    t.stackHigh(), t.stackFree(), pc));
            kts.add(t);
            if (t.state() == TaskState.RUNNING) {
                run = threadIds[i];
            }
        }
        // in thread-id order: the order the user first met them, the same at every stop
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> infos.get(i).threadId()));
        this.tasks = order.stream().map(infos::get).toList();
        this.kernelTasks = order.stream().map(kts::get).toList();
        this.running = run;
    }

    static StopTasks hartOnly() {
        return new StopTasks(KernelSnapshot.empty(null), new int[0], 0);
    }

    /** The thread on the hart: the running task's, or the hart's while no scheduler runs. */
    int runningThread() {
        return running;
    }

    /** Whether the hart's thread is shown: without tasks, or while the scheduler has not started. */
    boolean showsHart() {
        return !snapshot.schedulerRunning() || running == TaskThreads.HART;
    }

    List<TaskInfo> tasks() {
        return tasks;
    }

    /** Why the picture may be incomplete here, or null. */
    String problem() {
        return snapshot.problem();
    }

    List<ThreadInfo> threads() {
        List<ThreadInfo> out = new ArrayList<>();
        if (showsHart()) {
            out.add(TaskThreads.HART_THREAD);
        }
        for (TaskInfo t : tasks) {
            out.add(new ThreadInfo(t.threadId(), t.threadName()));
        }
        return List.copyOf(out);
    }

    /** The kernel's record of the task behind a thread, or null (the hart, or a thread not alive here). */
    KernelTask task(int threadId) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).threadId() == threadId) {
                return kernelTasks.get(i);
            }
        }
        return null;
    }

    TaskInfo info(int threadId) {
        for (TaskInfo t : tasks) {
            if (t.threadId() == threadId) {
                return t;
            }
        }
        return null;
    }
}
