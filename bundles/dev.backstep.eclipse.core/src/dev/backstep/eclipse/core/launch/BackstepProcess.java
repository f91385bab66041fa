package dev.backstep.eclipse.core.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamMonitor;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.eclipse.core.runtime.PlatformObject;

import dev.backstep.eclipse.core.BackstepIds;
import dev.backstep.eclipse.core.model.BackstepDebugTarget;

/**
 * The DAP server process as the platform sees it. Its stdio carries DAP, so the console does not show
 * the raw streams: standard output shows the guest's UART output (from DAP output events), standard
 * error the server's own messages.
 */
public final class BackstepProcess extends PlatformObject implements IProcess, IStreamsProxy {

    private final ILaunch launch;
    private final Process server;
    private final String label;
    private final StreamMonitor uart = new StreamMonitor();
    private final StreamMonitor errors = new StreamMonitor();
    private final Map<String, String> attributes = new HashMap<>();
    private volatile BackstepDebugTarget target;
    private volatile boolean terminated;

    public BackstepProcess(ILaunch launch, Process server, String label) {
        this.launch = launch;
        this.server = server;
        this.label = label;
        attributes.put(IProcess.ATTR_PROCESS_TYPE, BackstepIds.PROCESS_TYPE);
        Thread stderr = new Thread(this::copyStderr, "Backstep server stderr");
        stderr.setDaemon(true);
        stderr.start();
        server.onExit().thenRun(this::serverExited);
    }

    void attach(BackstepDebugTarget debugTarget) {
        this.target = debugTarget;
    }

    public InputStream serverOutput() {
        return server.getInputStream();
    }

    public OutputStream serverInput() {
        return server.getOutputStream();
    }

    /** The server's process handle; tests check that it is gone after terminate. */
    public ProcessHandle serverHandle() {
        return server.toHandle();
    }

    /** Output of the debuggee, by DAP category: stderr to the error stream, the rest (UART) to output. */
    public void append(String category, String text) {
        if (text == null) {
            return;
        }
        if ("stderr".equals(category)) {
            errors.append(text);
        } else if (!"telemetry".equals(category)) {
            uart.append(text);
        }
    }

    private void copyStderr() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                errors.append(line + System.lineSeparator());
            }
        } catch (IOException e) {
            // the server went away; its exit is reported by serverExited
        }
    }

    /** Asks the server to stop, then makes sure it does. */
    public void endServer() {
        try {
            server.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (!server.waitFor(3, TimeUnit.SECONDS)) {
                server.destroy();
                if (!server.waitFor(3, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
        if (!server.isAlive()) {
            serverExited();
        }
    }

    private synchronized void serverExited() {
        if (terminated) {
            return;
        }
        terminated = true;
        DebugPlugin plugin = DebugPlugin.getDefault();
        if (plugin != null) {
            plugin.fireDebugEventSet(new DebugEvent[] { new DebugEvent(this, DebugEvent.TERMINATE) });
        }
    }

    @Override
    public String getLabel() {
        return label;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IStreamsProxy getStreamsProxy() {
        return this;
    }

    @Override
    public void setAttribute(String key, String value) {
        attributes.put(key, value);
    }

    @Override
    public String getAttribute(String key) {
        return attributes.get(key);
    }

    /** The guest's exit code when it exited, else the server's. */
    @Override
    public int getExitValue() throws DebugException {
        // the server's end is final even before its watcher has marked it (isTerminated() says so too)
        if (!isTerminated()) {
            throw new DebugException(dev.backstep.eclipse.core.BackstepCore.error("the server is still running", null));
        }
        BackstepDebugTarget t = target;
        if (t != null && t.exitCode() != null) {
            return t.exitCode();
        }
        return server.exitValue();
    }

    @Override
    public boolean canTerminate() {
        return !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated || !server.isAlive();
    }

    @Override
    public void terminate() throws DebugException {
        BackstepDebugTarget t = target;
        if (t != null && !t.isTerminated()) {
            t.terminate();
        } else {
            endServer();
        }
    }

    @Override
    public IStreamMonitor getErrorStreamMonitor() {
        return errors;
    }

    @Override
    public IStreamMonitor getOutputStreamMonitor() {
        return uart;
    }

    /** Console input goes to the guest's UART, if the server takes input while running. */
    @Override
    public void write(String input) throws IOException {
        BackstepDebugTarget t = target;
        if (t == null || t.isTerminated()) {
            throw new IOException("the Backstep session has ended");
        }
        t.sendInput(input);
    }
}
