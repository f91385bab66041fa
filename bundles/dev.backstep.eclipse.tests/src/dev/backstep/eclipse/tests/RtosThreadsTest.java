package dev.backstep.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.backstep.eclipse.core.model.BackstepThread;

/**
 * The Debug view's threads of a FreeRTOS program: minirtos (emulator/examples/rtos, a test kernel that keeps its tasks
 * as FreeRTOS does) launched through the launch manager; under the target one thread per task, named with its state
 * and priority, the running task's thread suspended at the breakpoint, and a waiting task's frames from the context
 * its kernel saved on its stack.
 */
class RtosThreadsTest extends DebugSessionTest {

    /** app.c: {@code return next;} in accumulate, which Rx calls with each number it receives. */
    private static final int ACCUMULATE_LINE = 51;

    @BeforeEach
    void serverHasDap() {
        Examples.requireDapServer();
    }

    @Test
    void eachTaskIsAThreadWithItsOwnStack() throws Exception {
        IFile source = Examples.file("rtos/app.c");
        Sessions.lineBreakpoint(source, ACCUMULATE_LINE);
        BackstepThread stopped = DebugEvents.suspendAfter("launch", () -> target = Sessions.debug("rtos/minirtos.elf"));
        assertEquals("Rx (running, prio 2)", stopped.getName(), "the running task's thread stopped");
        assertEquals(ACCUMULATE_LINE, stopped.getTopStackFrame().getLineNumber());

        List<String> names = new ArrayList<>();
        IThread tx = null;
        for (IThread t : target.getThreads()) {
            names.add(t.getName());
            if (t.getName().startsWith("Tx (")) {
                tx = t;
            }
        }
        assertTrue(names.contains("Tx (ready, prio 1)") && names.contains("Logger (suspended, prio 1)")
                && names.contains("IDLE (ready, prio 0)"), names.toString());
        assertNotNull(tx);
        IStackFrame[] frames = tx.getStackFrames();
        assertTrue(frames.length >= 2, "Tx's own stack");
        assertTrue(frames[frames.length - 1].getName().contains("tx_task"), frames[frames.length - 1].getName());
        assertTrue(Sessions.variable(frames[frames.length - 1], "i").isPresent(), "tx_task's locals");

        // the next stop: Rx again, with the names saying the states then
        BackstepThread again = DebugEvents.suspendAfter("resume", stopped::resume);
        assertEquals("Rx (running, prio 2)", again.getName());
        assertTrue(target.getThreads().length >= 4);
    }
}
