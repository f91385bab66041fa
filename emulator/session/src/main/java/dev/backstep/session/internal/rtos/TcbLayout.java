package dev.backstep.session.internal.rtos;

/**
 * Member offsets of the task control block, read from the program's DWARF ({@code TCB_t}); -1 for members a build
 * leaves out ({@code pxEndOfStack} needs {@code configRECORD_STACK_HIGH_ADDRESS}, {@code ucNotifyState} task
 * notifications).
 */
record TcbLayout(int topOfStack, int stateItem, int eventItem, int priority, int stack, int name, int nameLength,
                 int endOfStack, int notifyState) {
}
