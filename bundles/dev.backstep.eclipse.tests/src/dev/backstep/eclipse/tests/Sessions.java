package dev.backstep.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IVariable;

import dev.backstep.eclipse.core.BackstepIds;
import dev.backstep.eclipse.core.breakpoints.BackstepLineBreakpoint;
import dev.backstep.eclipse.core.launch.BackstepProcess;
import dev.backstep.eclipse.core.launch.LaunchAttributes;
import dev.backstep.eclipse.core.model.BackstepDebugTarget;
import dev.backstep.eclipse.core.breakpoints.LineBreakpoints;

/** Launching the examples under the debugger and tidying up after, shared by the headless and UI tests. */
final class Sessions {

    private Sessions() {
    }

    static ILaunchConfigurationWorkingCopy configuration(String elf) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(BackstepIds.LAUNCH_TYPE_ID);
        assertNotNull(type, "the Backstep launch configuration type is declared");
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null, manager.generateLaunchConfigurationName(elf));
        wc.setAttribute(LaunchAttributes.PROGRAM, "${workspace_loc:/backstep-examples/examples/" + elf + "}");
        wc.setAttribute(LaunchAttributes.MODE, LaunchAttributes.MODE_RECORD);
        wc.setAttribute(LaunchAttributes.STOP_ON_ENTRY, false);
        return wc;
    }

    static BackstepLineBreakpoint lineBreakpoint(IFile file, int line) throws CoreException {
        BackstepLineBreakpoint bp = LineBreakpoints.toggle(file, file.getLocation().toOSString(), line);
        assertNotNull(bp, "a new breakpoint at line " + line);
        return bp;
    }

    static void removeAllBreakpoints() throws CoreException {
        var manager = DebugPlugin.getDefault().getBreakpointManager();
        IBreakpoint[] all = manager.getBreakpoints(BackstepIds.MODEL_ID);
        manager.removeBreakpoints(all, true);
    }

    static BackstepDebugTarget launch(ILaunchConfigurationWorkingCopy config, String mode) throws CoreException {
        ILaunch launch = config.launch(mode, null);
        return (BackstepDebugTarget) launch.getDebugTarget();
    }

    /** An example launched under the debugger in record mode. */
    static BackstepDebugTarget debug(String elf) throws CoreException {
        return launch(configuration(elf), ILaunchManager.DEBUG_MODE);
    }

    static Optional<IVariable> variable(IStackFrame frame, String name) throws Exception {
        for (IVariable v : frame.getVariables()) {
            if (name.equals(v.getName())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Terminates and checks that the server process is gone. */
    static void terminate(BackstepDebugTarget target) throws Exception {
        if (target == null) {
            return;
        }
        ProcessHandle server = ((BackstepProcess) target.getProcess()).serverHandle();
        if (!target.isTerminated()) {
            DebugEvents events = DebugEvents.arm();
            target.getLaunch().terminate();
            events.awaitTerminate();
        }
        assertTrue(target.isTerminated());
        server.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(server.isAlive(), "the server process has ended");
        assertTrue(target.getProcess().isTerminated(), "the platform sees the process terminated");
        DebugPlugin.getDefault().getLaunchManager().removeLaunch(target.getLaunch());
        assertEquals(0, server.descendants().count(), "no leftover child process");
    }
}
