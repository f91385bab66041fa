package dev.backstep.session.internal;

import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.machine.Machine;
import dev.backstep.replay.stop.StopPredicate;
import dev.backstep.session.internal.rtos.RtosAwareness;

/**
 * Keeps a source-level step with the task it began in: the step's condition holds only while that task is the one
 * on the hart. Without it a step over a blocking call would stop in whichever task the kernel switched to (its
 * stack may lie above the stepping task's, so it looks like "an outer frame"); with it the step stops where this
 * task next runs the following line, forward or backward, as a developer following one task expects.
 */
final class TaskGuard {
    private TaskGuard() {
    }

    /** {@code p}, holding only while the task running now runs; {@code p} itself without a running task. */
    static StopPredicate keepTask(StopPredicate p, TaskThreads threads, Machine machine) {
        RtosAwareness rtos = threads.awareness();
        if (p == null || rtos == null) {
            return p;
        }
        MemoryReader memory = Target.memory(machine);
        long task = rtos.runningTask(memory);
        if (task == 0) {
            return p; // no scheduler yet: the start-up code is not a task
        }
        return new StopPredicate() {
            @Override
            public int[] candidatePcs() {
                return p.candidatePcs();
            }

            @Override
            public boolean test(Machine m, long icount) {
                return rtos.runningTask(memory) == task && p.test(m, icount);
            }

            @Override
            public String describe() {
                return p.describe();
            }
        };
    }
}
