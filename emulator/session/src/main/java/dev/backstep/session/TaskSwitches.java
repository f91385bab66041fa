package dev.backstep.session;

import java.util.List;

/**
 * The task-switch timeline of a range of the recorded history.
 *
 * @param from      the first icount scanned
 * @param to        the icount the scan ended at (the end of the range, or where it was cut short)
 * @param switches  the stretches in time order; the first one starts at {@code from} with the task running there
 * @param truncated true when the list was cut at its bound, or the scan was paused, before {@code to} was reached
 */
public record TaskSwitches(long from, long to, List<TaskSwitch> switches, boolean truncated) {
    public TaskSwitches {
        switches = List.copyOf(switches);
    }
}
