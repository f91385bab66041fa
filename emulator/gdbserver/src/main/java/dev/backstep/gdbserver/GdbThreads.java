package dev.backstep.gdbserver;

import dev.backstep.machine.Machine;

import java.util.List;

/**
 * The threads gdb sees ({@code qfThreadInfo}, {@code qThreadExtraInfo}, {@code Hg}, {@code T}, the stop replies'
 * {@code thread:}): the hart alone, or the tasks of an RTOS, each a thread whose registers are the hart's while it runs
 * and those its kernel saved on its stack while it does not. The gdbserver works without debug info, so whoever
 * starts it and knows the program (the command line) supplies them.
 */
@FunctionalInterface
public interface GdbThreads {

    /**
     * One thread at a stop.
     *
     * @param id      gdb's thread id (1 and up), the same for the whole session
     * @param name    what gdb shows after it: {@code Rx (blocked, prio 2)}
     * @param running whether it is on the hart (its registers are the hart's)
     * @param x       its registers x0..x31 as it will see them when it runs again; null when running or unknown
     * @param pc      where it resumes (when {@code x} is given)
     */
    record Entry(int id, String name, boolean running, int[] x, int pc) {
    }

    /** The threads at the machine's present state; exactly one is running. */
    List<Entry> at(Machine machine);

    /** One thread: the hart. */
    static GdbThreads hartOnly() {
        return m -> List.of(new Entry(1, "hart 0", true, null, 0));
    }
}
