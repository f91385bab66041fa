package dev.backstep.session.internal;

import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.machine.Machine;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.session.SessionException;
import dev.backstep.session.TaskSwitch;
import dev.backstep.session.TaskSwitches;
import dev.backstep.session.internal.rtos.RtosAwareness;

import java.util.ArrayList;
import java.util.List;

/**
 * Which task ran when, over the recorded history: one replay of the range with the words that switch tasks
 * watched ({@link RtosAwareness#switchWords()}); the watch's condition notes each change and never stops, so the
 * whole range is one run of the timeline, and the machine is put back where it was afterwards. Also the plan of
 * "reverse-continue until task X last ran".
 */
final class TaskHistory {
    /** The most switches one timeline lists. */
    static final int MAX_SWITCHES = 100_000;

    private final Timeline timeline;
    private final Machine machine;
    private final TaskThreads threads;

    TaskHistory(Timeline timeline, TaskThreads threads) {
        this.timeline = timeline;
        this.machine = timeline.machine();
        this.threads = threads;
    }

    /** The switches of [from, to) (clamped to the history), at most {@code max}; the machine ends where it was. */
    TaskSwitches switches(long from, long to, int max) throws SessionException {
        RtosAwareness rtos = requireAwareness();
        long here = timeline.icount();
        try {
            return scan(rtos, from, to, max);
        } finally {
            timeline.seek(here);
            timeline.clearCancel();
        }
    }

    /**
     * Where the task of a thread last ran before now: the last instruction it ran before the kernel switched away
     * from it, found as the trap entry before the last switch away (the icount to go to), or -1 when it never
     * ran before now. Moves the machine (call inside an execution request).
     */
    long lastRan(int threadId) throws SessionException {
        RtosAwareness rtos = requireAwareness();
        long now = timeline.icount();
        TaskSwitches all = scan(rtos, 0, now, MAX_SWITCHES);
        long switchAway = -1;
        List<TaskSwitch> list = all.switches();
        for (int i = list.size() - 1; i >= 0; i--) {
            // a slice that reaches now is the task running now: its last run before now is an earlier slice
            if (list.get(i).threadId() == threadId && i + 1 < list.size()) {
                switchAway = list.get(i + 1).icount();
                break;
            }
        }
        if (switchAway <= 0) {
            timeline.seek(now);
            return -1;
        }
        timeline.seek(switchAway);
        TimelineStop trap = timeline.reverseContinue(new StopSet().stopOnTraps(true));
        return trap.kind() == TimelineStopKind.TRAP ? trap.icount() : switchAway;
    }

    private RtosAwareness requireAwareness() throws SessionException {
        RtosAwareness rtos = threads.awareness();
        if (rtos == null) {
            throw new SessionException("no RTOS awareness in this session (the program has no known RTOS's symbols,"
                    + " or it was turned off with rtos \"none\")");
        }
        return rtos;
    }

    private TaskSwitches scan(RtosAwareness rtos, long from, long to, int max) throws SessionException {
        int bound = max <= 0 ? MAX_SWITCHES : Math.min(max, MAX_SWITCHES);
        long end = Math.min(to, timeline.recordedLength());
        long start = Math.max(0, Math.min(from, end));
        if (start < 0 || to < from) {
            throw new SessionException("the range " + from + ".." + to + " is empty");
        }
        timeline.seek(start);
        MemoryReader memory = Target.memory(machine);
        List<TaskSwitch> out = new ArrayList<>();
        long[] running = {rtos.runningTask(memory)};
        out.add(entry(rtos, memory, machine.icount(), running[0]));
        boolean[] full = {false};
        StopSet stops = new StopSet();
        for (long[] w : rtos.switchWords()) {
            stops.addWatchpoint((int) w[0], (int) w[1], false, true, m -> {
                long now = rtos.runningTask(memory);
                if (now != running[0]) {
                    running[0] = now;
                    if (out.size() >= bound) {
                        full[0] = true;
                        return true; // the list is full: end the scan here
                    }
                    out.add(entry(rtos, memory, m.icount(), now));
                }
                return false;
            });
        }
        TimelineStop stop = start < end ? timeline.runForward(stops, end) : null;
        long reached = stop == null ? start : stop.icount();
        boolean cut = full[0] || (stop != null && stop.kind() == TimelineStopKind.CANCELLED);
        return new TaskSwitches(start, reached, out, cut);
    }

    private TaskSwitch entry(RtosAwareness rtos, MemoryReader memory, long icount, long tcb) {
        if (tcb == 0) {
            return new TaskSwitch(icount, TaskThreads.HART, TaskThreads.HART_THREAD.name());
        }
        return new TaskSwitch(icount, threads.threadOf(tcb), rtos.taskName(memory, tcb));
    }
}
