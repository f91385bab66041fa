package dev.backstep.eclipse.core.launch;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.variables.VariablesPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;

import dev.backstep.eclipse.core.BackstepCore;
import dev.backstep.eclipse.core.dap.ServerCommand;
import dev.backstep.eclipse.core.model.BackstepDebugTarget;

/**
 * Starts the bundled DAP server, connects the debug model to it and sends the launch request. Run mode
 * is the same with DAP's noDebug: the program runs to its end, its UART output in the console.
 */
public final class BackstepLaunchDelegate extends LaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration config, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        boolean debug = ILaunchManager.DEBUG_MODE.equals(mode);
        Map<String, Object> args = launchArguments(config);
        File program = args.get("program") == null ? null : new File((String) args.get("program"));
        List<String> command = ServerCommand.of(config.getAttribute(LaunchAttributes.JAVA, ""),
                config.getAttribute(LaunchAttributes.SERVER_JAR, ""));
        Process server;
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            if (program != null && program.getParentFile() != null && program.getParentFile().isDirectory()) {
                pb.directory(program.getParentFile());
            }
            server = pb.start();
        } catch (IOException e) {
            throw new CoreException(BackstepCore.error("cannot start the Backstep server: " + String.join(" ", command), e));
        }
        String name = config.getName() + " [" + (program == null ? "replay" : program.getName()) + "]";
        BackstepProcess process = new BackstepProcess(launch, server, "Backstep server (" + name + ")");
        launch.addProcess(process);
        BackstepDebugTarget target = new BackstepDebugTarget(launch, process, name, debug);
        process.attach(target);
        if (debug) {
            launch.addDebugTarget(target);
        }
        try {
            target.start(args);
        } catch (CoreException e) {
            target.terminate();
            throw e;
        }
    }

    /** The DAP launch request's arguments, from the configuration, with variables and paths resolved. */
    public static Map<String, Object> launchArguments(ILaunchConfiguration config) throws CoreException {
        Map<String, Object> args = new LinkedHashMap<>();
        String mode = config.getAttribute(LaunchAttributes.MODE, LaunchAttributes.MODE_RECORD);
        args.put("mode", mode);
        String program = path(config.getAttribute(LaunchAttributes.PROGRAM, ""));
        if (program != null) {
            args.put("program", program);
        } else if (LaunchAttributes.MODE_RECORD.equals(mode)) {
            throw new CoreException(BackstepCore.error("no program: choose the ELF file to debug", null));
        }
        String recording = path(config.getAttribute(LaunchAttributes.RECORDING, ""));
        if (recording != null) {
            args.put("recording", recording);
            if (LaunchAttributes.MODE_RECORD.equals(mode)) {
                // the Main tab's "save the recording to" file is written afresh by every launch of this configuration:
                // the user said so there (the server refuses an existing file otherwise)
                args.put("overwrite", true);
            }
        }
        if (LaunchAttributes.MODE_RECORD.equals(mode)) {
            String input = path(config.getAttribute(LaunchAttributes.INPUT_FILE, ""));
            String text = config.getAttribute(LaunchAttributes.INPUT_TEXT, "");
            if (input != null) {
                args.put("input", input);
            } else if (!text.isEmpty()) {
                args.put("inputText", text);
            }
            // the Console takes typed input (backstep/input): a program waiting for input waits for the user
            args.put("consoleInput", true);
            putIfSet(args, "isa", config.getAttribute(LaunchAttributes.ISA, ""));
        }
        args.put("stopOnEntry", config.getAttribute(LaunchAttributes.STOP_ON_ENTRY, false));
        putIfSet(args, "ram", config.getAttribute(LaunchAttributes.RAM, ""));
        putIfSet(args, "snapshotBudget", config.getAttribute(LaunchAttributes.SNAPSHOT_BUDGET, ""));
        args.put("translate", config.getAttribute(LaunchAttributes.TRANSLATE, true));
        return args;
    }

    private static void putIfSet(Map<String, Object> args, String key, String value) {
        if (value != null && !value.isBlank()) {
            args.put(key, value.trim());
        }
    }

    /** Substitutes variables; a path that names a workspace resource becomes its file-system location. */
    static String path(String raw) throws CoreException {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String expanded = VariablesPlugin.getDefault().getStringVariableManager().performStringSubstitution(raw.trim());
        File f = new File(expanded);
        if (f.isAbsolute() && f.exists()) {
            return f.getAbsolutePath();
        }
        IResource r = ResourcesPlugin.getWorkspace().getRoot().findMember(expanded);
        if (r != null && r.getLocation() != null) {
            return r.getLocation().toOSString();
        }
        return f.getAbsolutePath();
    }
}
