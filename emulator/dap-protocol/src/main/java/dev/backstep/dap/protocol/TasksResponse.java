package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** Body of the {@code backstep/tasks} response: the RTOS's tasks at the current stop. */
public final class TasksResponse {
    /** The RTOS ("FreeRTOS"); absent without RTOS awareness (then no tasks). */
    private String rtos;
    /** The tasks in thread-id order. */
    @NonNull
    private TaskEntry[] tasks;

    public String getRtos() {
        return rtos;
    }

    public void setRtos(String rtos) {
        this.rtos = rtos;
    }

    public TaskEntry[] getTasks() {
        return tasks;
    }

    public void setTasks(TaskEntry[] tasks) {
        this.tasks = tasks;
    }
}
