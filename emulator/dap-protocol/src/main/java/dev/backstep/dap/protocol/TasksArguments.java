package dev.backstep.dap.protocol;

/** Arguments of {@code backstep/tasks} (none). */
public final class TasksArguments {
}
