package dev.backstep.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.resources.IFile;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.backstep.eclipse.core.model.BackstepThread;

/**
 * Headless, on the bundled server: Reverse Step Into (backstep/reverseStepIn) enters the call that Step Back steps
 * over, and text typed into the Console reaches the guest's UART (backstep/input).
 */
class ConsoleAndReverseStepIntoTest extends DebugSessionTest {

    /** corrupt.c: {@code if (window_average() > config.alarm_limit - config.hysteresis)}: a call on the line. */
    private static final int AVERAGE_LINE = 63;

    @BeforeEach
    void serverHasDap() {
        Examples.requireDapServer();
    }

    @Test
    void reverseStepIntoEntersTheCalleeAtItsEnd() throws Exception {
        IFile source = Examples.file("corrupt.c");
        Sessions.lineBreakpoint(source, AVERAGE_LINE);
        BackstepThread thread = DebugEvents.suspendAfter("launch", () -> target = Sessions.debug("corrupt.elf"));
        assertEquals(AVERAGE_LINE, thread.getTopStackFrame().getLineNumber());
        long onLine = target.lastStop().icount();
        Sessions.removeAllBreakpoints();

        thread = DebugEvents.suspendAfter("step over", thread::stepOver);
        long after = target.lastStop().icount();

        thread = DebugEvents.suspendAfter("reverse step into", thread::reverseStepInto);
        IStackFrame inside = thread.getTopStackFrame();
        assertTrue(inside.getName().contains("window_average"), "entered the callee: " + inside.getName());
        long at = target.lastStop().icount();
        assertTrue(at > onLine && at < after, "between the line and the step: " + at);
    }

    @Test
    void typedConsoleInputReachesTheGuest() throws Exception {
        DebugEvents events = DebugEvents.arm();
        target = Sessions.debug("echo.elf");
        IStreamsProxy console = target.getProcess().getStreamsProxy();
        awaitOutput(console, "echo: type a line");
        console.write("add 2 3\n");
        awaitOutput(console, "2 + 3 = 5");
        console.write("quit\n");
        BackstepThread thread = events.awaitSuspend("quit");
        long deadline = System.currentTimeMillis() + 10_000;
        while (target.exitCode() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20); // the exited event follows the stop
        }
        assertEquals(Integer.valueOf(0), target.exitCode(), "echo exits 0 on quit: " + target.lastStop().description());
        awaitOutput(console, "echo: bye after 2 lines");

        // at the end of a run that has exited, the history cannot grow: the server says so
        try {
            console.write("count\n");
            throw new AssertionError("input after the end was taken");
        } catch (java.io.IOException expected) {
            assertTrue(expected.getMessage().contains("ended"), expected.getMessage());
        }
        assertTrue(thread.canReverse(), "still suspended and able to go back");
    }

    private static void awaitOutput(IStreamsProxy console, String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!console.getOutputStreamMonitor().getContents().contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no '" + text + "' in the Console: "
                        + console.getOutputStreamMonitor().getContents());
            }
            Thread.sleep(50);
        }
    }
}
