package dev.backstep.session.internal;

import dev.backstep.machine.Machine;
import dev.backstep.session.ThreadInfo;
import dev.backstep.session.internal.rtos.KernelSnapshot;
import dev.backstep.session.internal.rtos.KernelTask;
import dev.backstep.session.internal.rtos.RtosAwareness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The threads the user sees, for the whole session: the hart alone, or, with RTOS awareness, one thread per task.
 * A task keeps its thread id for the session whichever way time goes (ids are handed out as tasks are first seen,
 * keyed by their control block); thread 1 is the hart itself, shown while no scheduler runs.
 */
final class TaskThreads {
    static final int HART = 1;
    static final ThreadInfo HART_THREAD = new ThreadInfo(HART, "hart 0");

    private final RtosAwareness rtos;
    private final Map<Long, Integer> ids = new HashMap<>();
    private int nextId = HART + 1;
    private volatile List<ThreadInfo> last = List.of(HART_THREAD);

    TaskThreads(RtosAwareness rtos) {
        this.rtos = rtos;
    }

    /** None: the hart is the only thread. */
    static TaskThreads none() {
        return new TaskThreads(null);
    }

    boolean aware() {
        return rtos != null;
    }

    /** The RTOS's name, or null without awareness. */
    String rtosName() {
        return rtos == null ? null : rtos.name();
    }

    /** The tasks at the machine's present state (read now: call it at a stop). */
    synchronized StopTasks read(Machine machine) {
        if (rtos == null) {
            StopTasks none = StopTasks.hartOnly();
            last = none.threads();
            return none;
        }
        KernelSnapshot snapshot = rtos.read(Target.memory(machine));
        int[] threadIds = new int[snapshot.tasks().size()];
        for (int i = 0; i < threadIds.length; i++) {
            KernelTask t = snapshot.tasks().get(i);
            threadIds[i] = ids.computeIfAbsent(t.tcb(), k -> nextId++);
        }
        StopTasks tasks = new StopTasks(snapshot, threadIds, machine.hart().pc());
        last = tasks.threads();
        return tasks;
    }

    /** The thread of a task by its control block (a new id for one never seen); the hart's for 0. */
    synchronized int threadOf(long tcb) {
        return tcb == 0 ? HART : ids.computeIfAbsent(tcb, k -> nextId++);
    }

    /** Where a task's function returns to (the end of a task's stack), -1 without awareness. */
    long taskReturnAddress() {
        return rtos == null ? -1 : rtos.taskReturnAddress();
    }

    RtosAwareness awareness() {
        return rtos;
    }

    /** The threads of the last stop: answers from any thread, also while the program runs. */
    List<ThreadInfo> lastThreads() {
        return last;
    }
}
