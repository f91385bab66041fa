package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FreeRTOS tasks as threads, over minirtos (emulator/examples/rtos): a kernel written for these tests that keeps its
 * tasks in FreeRTOS's lists (List_t rings through an end marker, ready lists per priority, delayed, suspended,
 * terminating) with FreeRTOS's names, and saves a task's context as the GCC/RISC-V port of V11.0-V11.1 does
 * (31 words: mepc, ra, t0..t6/s0..s11/a0..a7, xCriticalNesting, mstatus). Every value the awareness reads is checked
 * against what the program's own C expressions say at the same stop.
 */
class RtosTasksTest {

    private static DebugSession open(String rtos) throws Exception {
        LaunchSpec spec = LaunchSpec.record(Examples.example("rtos/minirtos.elf")).withStopOnEntry(true).withRtos(rtos);
        DebugSession s = DebugSession.open(spec, new Examples.Recorder());
        s.start();
        return s;
    }

    private static Stop runTo(DebugSession s, String function, int hit) throws SessionException {
        s.setFunctionBreakpoints(List.of(new FunctionBreakpoint(function, null, null)));
        Stop st = null;
        for (int i = 0; i < hit; i++) {
            st = s.resume();
            assertEquals(StopReason.FUNCTION_BREAKPOINT, st.reason(), st.description());
        }
        s.setFunctionBreakpoints(List.of());
        return st;
    }

    private static Map<String, TaskInfo> byName(DebugSession s) throws SessionException {
        return s.tasks().stream().collect(Collectors.toMap(TaskInfo::name, Function.identity()));
    }

    private static long value(DebugSession s, String expr) throws SessionException {
        String v = s.evaluate(expr, 0, true).value();
        return Long.parseLong(v.replaceFirst("^0x", "").replaceFirst(" .*", ""), 16);
    }

    @Test
    void tasksAreReadFromTheKernelsListsWithTheirStatesPrioritiesAndStacks() throws Exception {
        try (DebugSession s = open(null)) {
            assertEquals("FreeRTOS", s.rtos());
            Stop st = runTo(s, "accumulate", 1); // Rx got its first number from Tx
            Map<String, TaskInfo> t = byName(s);
            assertEquals(List.of("IDLE", "Logger", "Rx", "Tx"), t.keySet().stream().sorted().toList(),
                    "Init deleted itself and the idle task cleared it away");
            assertEquals(TaskState.RUNNING, t.get("Rx").state());
            assertEquals(t.get("Rx").threadId(), st.threadId(), "the stop names the running task's thread");
            assertEquals(2, t.get("Rx").priority());
            assertEquals(TaskState.READY, t.get("Tx").state(), "Rx took the hart from Tx as Tx sent to it");
            assertEquals(TaskState.SUSPENDED, t.get("Logger").state());
            assertEquals(TaskState.READY, t.get("IDLE").state());
            for (String n : List.of("Rx", "Tx", "Logger", "IDLE")) {
                String tcb = n.toLowerCase() + "_tcb";
                TaskInfo ti = t.get(n);
                assertEquals(value(s, "&" + tcb), ti.tcb(), n);
                assertEquals(value(s, tcb + ".uxPriority"), ti.priority(), n);
                assertEquals(value(s, tcb + ".pxStack"), ti.stackLow(), n);
                assertEquals(value(s, tcb + ".pxEndOfStack") + 4, ti.stackHigh(), n);
                assertEquals(256 * 4, ti.stackHigh() - ti.stackLow(), n + ": STACK_WORDS words");
                assertTrue(ti.stackFree() > 0 && ti.stackFree() < ti.stackHigh() - ti.stackLow(), ti.toString());
                assertEquals(0, ti.stackFree() % 4);
            }
            assertEquals("Rx (running, prio 2)", t.get("Rx").threadName());
            List<String> names = s.threads().stream().map(ThreadInfo::name).toList();
            assertTrue(names.contains("Tx (ready, prio 1)") && names.contains("Logger (suspended, prio 1)"),
                    names.toString());
            assertFalse(names.contains("hart 0"), "the scheduler runs: every thread is a task");

            Stop idle = runTo(s, "prvCheckTasksWaitingTermination", 1); // everybody else waits
            t = byName(s);
            assertEquals(t.get("IDLE").threadId(), idle.threadId());
            assertEquals(TaskState.RUNNING, t.get("IDLE").state());
            assertEquals(TaskState.BLOCKED, t.get("Tx").state(), "Tx sleeps in vTaskDelay (a delayed list)");
            assertEquals(TaskState.BLOCKED, t.get("Rx").state(),
                    "Rx waits on the queue without a time limit (the suspended list, its event item on the queue)");
            assertEquals(TaskState.SUSPENDED, t.get("Logger").state());
        }
    }

    @Test
    void aWaitingTasksFramesAreUnwoundFromTheContextOnItsStack() throws Exception {
        try (DebugSession s = open("freertos")) {
            runTo(s, "accumulate", 2);
            Map<String, TaskInfo> t = byName(s);
            TaskInfo tx = t.get("Tx");
            // the context as the port lays it out: pxTopOfStack -> mepc, then ra, ..., mstatus at word 30
            long top = value(s, "(unsigned)tx_tcb.pxTopOfStack");
            assertEquals(value(s, "*(unsigned *)" + top), tx.pc(), "mepc is word 0 of the saved context");
            assertEquals(0x1800, value(s, "*(unsigned *)" + (top + 30 * 4)) & 0x1800, "mstatus (MPP=M) is word 30");
            List<StackFrame> frames = s.stackTrace(tx.threadId(), 0, 0);
            List<String> fns = frames.stream().map(StackFrame::name).toList();
            assertEquals("tx_task", fns.get(fns.size() - 1), fns.toString());
            assertTrue(fns.contains("vTaskDelay") || fns.contains("xQueueSend"), fns.toString());
            assertEquals(tx.pc(), frames.get(0).pc());
            // its variables as the task sees them: tx_task's loop counter, read through its own frame
            StackFrame task = frames.get(frames.size() - 1);
            assertTrue(task.hasSource() && task.path().endsWith("app.c"), task.toString());
            String i = s.evaluate("i", task.id(), false).value();
            assertTrue(Integer.parseInt(i) >= 1 && Integer.parseInt(i) <= 8, i);
            assertTrue(s.scopes(task.id()).stream().noneMatch(sc -> sc.kind() == ScopeInfo.Kind.CSRS),
                    "CSRs are the hart's, not a saved task's");
            // the running task's frames are the hart's
            List<StackFrame> rx = s.stackTrace(t.get("Rx").threadId(), 0, 0);
            assertEquals(s.stackTrace(0, 0), rx);
            assertEquals("accumulate", rx.get(0).name());
            // distinct frame ids across threads
            assertTrue(frames.stream().noneMatch(f -> rx.stream().anyMatch(r -> r.id() == f.id())));
        }
    }

    @Test
    void threadIdsStayTheSameGoingBackAndForth() throws Exception {
        try (DebugSession s = open(null)) {
            runTo(s, "accumulate", 3);
            Map<String, Integer> ids = s.tasks().stream().collect(Collectors.toMap(TaskInfo::name, TaskInfo::threadId));
            s.seek(s.info().icount() / 2);
            for (TaskInfo t : s.tasks()) {
                assertEquals(ids.getOrDefault(t.name(), t.threadId()), t.threadId(), t.name());
            }
            runTo(s, "accumulate", 1);
            for (TaskInfo t : s.tasks()) {
                assertEquals(ids.get(t.name()), t.threadId(), t.name());
            }
        }
    }

    @Test
    void beforeTheSchedulerStartsTheHartRunsAndTasksWait() throws Exception {
        try (DebugSession s = open(null)) {
            Stop st = runTo(s, "vTaskStartScheduler", 1);
            assertEquals(1, st.threadId());
            List<ThreadInfo> threads = s.threads();
            assertEquals("hart 0", threads.get(0).name());
            assertEquals(6, threads.size(), threads.toString());
            assertTrue(s.tasks().stream().noneMatch(t -> t.state() == TaskState.RUNNING));
            // a task that never ran: its initial context resumes at its function
            TaskInfo rx = byName(s).get("Rx");
            assertEquals("rx_task", s.stackTrace(rx.threadId(), 0, 1).get(0).name());
        }
    }

    @Test
    void offWithRtosNone() throws Exception {
        try (DebugSession s = open("none")) {
            Stop st = runTo(s, "accumulate", 1);
            assertNull(s.rtos());
            assertEquals(1, st.threadId());
            assertEquals(List.of(new ThreadInfo(1, "hart 0")), s.threads());
            assertTrue(s.tasks().isEmpty());
        }
    }

    @Test
    void aProgramWithoutTheKernelHasNoTasksAndFreertosIsRefusedForIt() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("timer.elf")), null)) {
            assertNull(s.rtos());
        }
        LaunchException e = assertThrows(LaunchException.class, () -> DebugSession.open(
                LaunchSpec.record(Examples.example("timer.elf")).withRtos("freertos"), null));
        assertTrue(e.getMessage().contains("FreeRTOS"), e.getMessage());
        assertThrows(LaunchException.class, () -> DebugSession.open(
                LaunchSpec.record(Examples.example("timer.elf")).withRtos("zephyr"), null));
    }

    @Test
    void theTaskSwitchTimelineAndGoingBackToWhereATaskLastRan() throws Exception {
        try (DebugSession s = open(null)) {
            runTo(s, "accumulate", 4);
            long here = s.info().icount();
            TaskSwitches sw = s.taskSwitches(0, here, 0);
            assertEquals(here, s.info().icount(), "the timeline does not move the user");
            assertFalse(sw.truncated());
            List<TaskSwitch> list = sw.switches();
            assertEquals(1, list.get(0).threadId(), "the start-up code runs first");
            assertTrue(list.stream().anyMatch(x -> x.name().equals("Init")), list.toString());
            for (int i = 1; i < list.size(); i++) {
                assertTrue(list.get(i).icount() > list.get(i - 1).icount());
                assertTrue(list.get(i).threadId() != list.get(i - 1).threadId(), list.toString());
            }
            TaskSwitch last = list.get(list.size() - 1);
            assertEquals("Rx", last.name(), "Rx runs now");
            // each switch is where the kernel's current task changed: seek there and ask
            TaskSwitch tx = list.stream().filter(x -> x.name().equals("Tx")).reduce((a, b) -> b).orElseThrow();
            int txThread = tx.threadId();
            Stop st = s.reverseToTask(txThread);
            assertEquals(Direction.BACKWARD, st.direction());
            assertTrue(st.icount() < here);
            assertEquals(txThread, st.threadId(), "Tx is the running task where it last ran: " + st.description());
            String fn = s.stackTrace(0, 1).get(0).name();
            assertNotNull(fn);
            assertTrue(st.description().contains("Tx"), st.description());
        }
    }

    private static Stop runToLine(DebugSession s, int line) throws SessionException {
        List<BreakpointStatus> b = s.setLineBreakpoints(Examples.example("rtos/app.c").toString(),
                List.of(new SourceBreakpoint(line, null, null, null)));
        assertTrue(b.get(0).verified(), b.toString());
        Stop st = s.resume();
        s.setLineBreakpoints(Examples.example("rtos/app.c").toString(), List.of());
        return st;
    }

    private static int line(DebugSession s) throws SessionException {
        return s.stackTrace(0, 1).get(0).line();
    }

    @Test
    void aStepOverABlockingCallStaysWithTheTaskBothWays() throws Exception {
        try (DebugSession s = open(null)) {
            runTo(s, "accumulate", 1);
            Stop at59 = runToLine(s, 59); // Rx is about to wait on the empty queue
            int rx = at59.threadId();
            assertEquals(59, line(s));
            Stop next = s.next(Granularity.LINE);
            assertEquals(60, line(s), next.description());
            assertEquals(rx, next.threadId(), "the step stays with Rx: " + next.description());
            assertEquals("rx_task", s.stackTrace(0, 1).get(0).name());
            List<TaskSwitch> between = s.taskSwitches(at59.icount(), next.icount(), 0).switches();
            assertTrue(between.stream().anyMatch(x -> x.threadId() != rx),
                    "other tasks ran while Rx waited: " + between);

            Stop back = s.stepBack(Granularity.LINE);
            assertEquals(59, line(s), back.description());
            assertEquals(rx, back.threadId(), "the reverse step stays with Rx: " + back.description());
            assertEquals(at59.icount(), back.icount(), "back where the forward step began");
        }
    }
}
