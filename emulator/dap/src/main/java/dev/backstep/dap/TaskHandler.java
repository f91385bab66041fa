package dev.backstep.dap;

import dev.backstep.dap.protocol.TaskEntry;
import dev.backstep.dap.protocol.TaskSwitchEntry;
import dev.backstep.dap.protocol.TaskSwitchesArguments;
import dev.backstep.dap.protocol.TaskSwitchesResponse;
import dev.backstep.dap.protocol.TasksArguments;
import dev.backstep.dap.protocol.TasksResponse;
import dev.backstep.session.DebugSession;
import dev.backstep.session.TaskInfo;
import dev.backstep.session.TaskSwitch;
import dev.backstep.session.TaskSwitches;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** backstep/tasks and backstep/taskSwitches: the RTOS's tasks at the stop, and which task ran when. */
final class TaskHandler {
    private final DebugContext ctx;

    TaskHandler(DebugContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<TasksResponse> tasks(TasksArguments args) {
        DebugSession s = ctx.stoppedSession("list the tasks");
        List<TaskInfo> tasks = SessionCall.run(s::tasks);
        TasksResponse r = new TasksResponse();
        r.setRtos(s.rtos());
        r.setTasks(tasks.stream().map(TaskHandler::entry).toArray(TaskEntry[]::new));
        return CompletableFuture.completedFuture(r);
    }

    private static TaskEntry entry(TaskInfo t) {
        TaskEntry e = new TaskEntry();
        e.setThreadId(t.threadId());
        e.setName(t.name());
        e.setState(t.state().word());
        e.setPriority(t.priority());
        e.setTcb(t.tcb());
        e.setStackLow(t.stackLow());
        e.setStackHigh(t.stackHigh());
        e.setStackFree(t.stackFree());
        e.setPc(t.pc());
        return e;
    }

    CompletableFuture<TaskSwitchesResponse> taskSwitches(TaskSwitchesArguments args) {
        DebugSession s = ctx.stoppedSession("list the task switches");
        long from = args == null || args.getFrom() == null ? 0 : args.getFrom();
        long to = args == null || args.getTo() == null ? Long.MAX_VALUE : args.getTo();
        int max = args == null || args.getMax() == null ? 0 : args.getMax();
        if (from < 0 || to < from || max < 0) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                    "'from' and 'to' must make a range of icounts (0 <= from <= to), 'max' must be >= 0");
        }
        // a replay of the range: off the reader thread, which must stay free for pause and the other requests
        return CompletableFuture.supplyAsync(() -> {
            TaskSwitches sw = SessionCall.run(() -> s.taskSwitches(from, to, max));
            TaskSwitchesResponse r = new TaskSwitchesResponse();
            r.setFrom(sw.from());
            r.setTo(sw.to());
            r.setTruncated(sw.truncated());
            r.setSwitches(sw.switches().stream().map(TaskHandler::entry).toArray(TaskSwitchEntry[]::new));
            return r;
        }, SCANS);
    }

    /** One scan at a time for the whole server (the session refuses a second one while the first holds it anyway). */
    private static final java.util.concurrent.Executor SCANS = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "backstep-dap-task-switches");
        t.setDaemon(true);
        return t;
    });

    private static TaskSwitchEntry entry(TaskSwitch t) {
        TaskSwitchEntry e = new TaskSwitchEntry();
        e.setIcount(t.icount());
        e.setThreadId(t.threadId());
        e.setName(t.name());
        return e;
    }
}
