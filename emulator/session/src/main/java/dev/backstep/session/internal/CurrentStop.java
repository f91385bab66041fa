package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.RegisterReader;
import dev.backstep.machine.Machine;
import dev.backstep.session.ExceptionDetails;
import dev.backstep.session.SessionException;
import dev.backstep.session.internal.rtos.KernelTask;
import dev.backstep.session.internal.rtos.SavedContext;

import java.util.HashMap;
import java.util.Map;

/**
 * The stop the user looks at: how many inlined levels that begin at the pc are shown as their call site (not
 * entered yet, as gdb shows them: where a line step or a breakpoint on the call's line stopped; a step into enters
 * one without running), the trap of an exception stop, the RTOS's tasks, and the frames and variables of each
 * thread, built on the first question. Every execution request replaces it; frame ids and variables references
 * end with it.
 */
final class CurrentStop {
    /**
     * Frame ids and variables references of one thread's view lie in their own range of this many: the running
     * thread's from 1, the n-th other task's from n times this (so an id says which thread it belongs to).
     */
    static final int VIEW_SPAN = 1_000_000;

    private final DebugInfo debug;
    private final Machine machine;
    private final int callSites;
    private final ExceptionDetails exception;
    private final TaskThreads threads;
    private StateView view;
    private StopTasks tasks;
    private final Map<Integer, StateView> taskViews = new HashMap<>();

    CurrentStop(DebugInfo debug, Machine machine, int callSites, ExceptionDetails exception) {
        this(debug, machine, callSites, exception, TaskThreads.none());
    }

    CurrentStop(DebugInfo debug, Machine machine, int callSites, ExceptionDetails exception, TaskThreads threads) {
        this.debug = debug;
        this.machine = machine;
        this.callSites = callSites;
        this.exception = exception;
        this.threads = threads;
    }

    int callSites() {
        return callSites;
    }

    /** The trap of an EXCEPTION stop, else null. */
    ExceptionDetails exception() {
        return exception;
    }

    /** The running thread's state: the hart's registers. */
    StateView view() {
        if (view == null) {
            view = new StateView(debug, machine, callSites).endBefore(threads.taskReturnAddress());
        }
        return view;
    }

    /** The RTOS's tasks here (read on the first question). */
    StopTasks tasks() {
        if (tasks == null) {
            tasks = threads.read(machine);
        }
        return tasks;
    }

    /**
     * A thread's state: the running one's is the hart's (thread 1, the hart itself, is always that); another task's
     * is unwound from its saved context.
     */
    StateView viewForThread(int threadId) throws SessionException {
        StopTasks here = tasks();
        if (threadId == here.runningThread() || threadId == TaskThreads.HART) {
            return view();
        }
        KernelTask task = here.task(threadId);
        if (task == null) {
            throw new SessionException("no thread " + threadId + " here");
        }
        StateView v = taskViews.get(threadId);
        if (v == null) {
            SavedContext context = task.context();
            if (context == null) {
                throw new SessionException("the saved registers of task " + task.name() + " cannot be read here");
            }
            int slot = here.tasks().indexOf(here.info(threadId)) + 1;
            v = new StateView(debug, machine, 0, savedRegisters(context), slot * VIEW_SPAN, false)
                    .endBefore(threads.taskReturnAddress());
            taskViews.put(threadId, v);
        }
        return v;
    }

    /** The view a frame id or variables reference belongs to (see {@link #VIEW_SPAN}); 0 is the running thread's. */
    StateView viewOf(int id) throws SessionException {
        int slot = id / VIEW_SPAN;
        if (slot <= 0) {
            return view();
        }
        StopTasks here = tasks();
        if (slot > here.tasks().size()) {
            throw new SessionException("no frame or variables " + id + " (they end at each step)");
        }
        return viewForThread(here.tasks().get(slot - 1).threadId());
    }

    /** Frames hold the registers they were unwound with: after a register changed, unwind again. */
    void unwindAgain() {
        view = null;
        tasks = null;
        taskViews.clear();
    }

    /** A task's registers as it will see them when it runs again; gp and tp are the hart's (not saved). */
    private RegisterReader savedRegisters(SavedContext c) {
        return new RegisterReader() {
            @Override
            public int reg(int n) {
                if (n <= 0 || n >= 32) {
                    return 0;
                }
                return c.saved(n) ? c.reg(n) : machine.hart().x(n);
            }

            @Override
            public int pc() {
                return c.pc();
            }

            @Override
            public boolean available(int n) {
                return n >= 0 && n < 32;
            }
        };
    }
}
