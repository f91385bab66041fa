package dev.backstep.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.backstep.eclipse.core.launch.BackstepProcess;

/** Run As: no debug target, the UART output in the console, the guest's exit code, no server left. */
class RunModeTest {

    @BeforeEach
    void serverHasDap() {
        Examples.requireDapServer();
    }

    @Test
    void runsToTheEndWithItsOutputInTheConsole() throws Exception {
        Examples.project();
        ILaunch launch = Sessions.configuration("hello.elf").launch(ILaunchManager.RUN_MODE, null);
        try {
            assertNull(launch.getDebugTarget(), "run mode has no debug target");
            IProcess process = launch.getProcesses()[0];
            ProcessHandle server = ((BackstepProcess) process).serverHandle();
            server.onExit().get(60, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!process.isTerminated() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(process.isTerminated());
            assertFalse(server.isAlive());
            String out = process.getStreamsProxy().getOutputStreamMonitor().getContents();
            assertTrue(out.contains("Hello from Backstep examples"), "UART output in the console: " + out);
            assertEquals(0, process.getExitValue(), "the guest's exit code");
        } finally {
            launch.terminate();
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        }
    }
}
