package dev.backstep.session.internal.rtos;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.MemoryReader;

import java.util.Optional;

/**
 * What the debugger knows of one RTOS: how to find its tasks in the program's memory at a stop, and where a task
 * that does not run keeps its registers. One implementation per RTOS ({@link FreeRtos} today); another RTOS (Zephyr,
 * RT-Thread) is another implementation chosen in {@link #select}, and nothing above this interface changes.
 */
public interface RtosAwareness {

    /** The RTOS's name as shown to people ("FreeRTOS"). */
    String name();

    /**
     * The kernel's tasks as its own data says at this moment. Never throws for bad memory: a kernel caught in the
     * middle of an update, or memory that cannot be read, gives what could be read and a {@code problem}.
     */
    KernelSnapshot read(MemoryReader memory);

    /**
     * The words whose writes change which task runs (FreeRTOS: {@code pxCurrentTCB} and {@code xSchedulerRunning}),
     * as {address, length} pairs: a task-switch timeline watches them while it replays.
     */
    java.util.List<long[]> switchWords();

    /**
     * The return address the kernel gives a task's function when it creates the task (its stack ends there), -1 when
     * the program does not say.
     */
    long taskReturnAddress();

    /** The control block of the task on the hart now, 0 when no task runs (the scheduler has not started). */
    long runningTask(MemoryReader memory);

    /** A task's name from its control block (cheap: read at every switch of a timeline). */
    String taskName(MemoryReader memory, long tcb);

    /**
     * The awareness to use for a program: {@code choice} is {@code "auto"} (or null: the first RTOS whose symbols the
     * program has), {@code "none"} (none), or an RTOS by name ({@code "freertos"}: an error when its symbols are not
     * there).
     * {@code flen} is the hart's floating-point register width in bytes, 0 without an FPU.
     */
    static Optional<RtosAwareness> select(String choice, DebugInfo debug, int flen) {
        String c = choice == null ? "auto" : choice.trim().toLowerCase(java.util.Locale.ROOT);
        switch (c) {
            case "none":
                return Optional.empty();
            case "auto":
            case "":
                return FreeRtos.detect(debug, flen).map(f -> f);
            case "freertos": {
                Optional<FreeRtos> f = FreeRtos.detect(debug, flen);
                if (f.isEmpty()) {
                    throw new IllegalArgumentException("rtos \"freertos\": the program has no FreeRTOS kernel symbols "
                            + "(pxCurrentTCB, pxReadyTasksLists and the TCB_t type, with -g)");
                }
                return Optional.of(f.get());
            }
            default:
                throw new IllegalArgumentException("rtos \"" + choice + "\" is not known (auto, freertos or none)");
        }
    }
}
