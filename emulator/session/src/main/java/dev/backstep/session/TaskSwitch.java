package dev.backstep.session;

/**
 * One stretch of the task-switch timeline: from {@code icount} on, the task of {@code threadId} ran (until the next
 * entry, or the end of the range scanned).
 *
 * @param icount   the first instruction the task ran after the switch (where "go there" goes)
 * @param threadId the task's thread ({@link TaskInfo#threadId()}), 1 for code outside any task (before the scheduler)
 * @param name     the task's name, as at the switch
 */
public record TaskSwitch(long icount, int threadId, String name) {
}
