package dev.backstep.eclipse.core.model;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.IBreakpointManagerListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.debug.core.model.IMemoryBlockRetrieval;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.Thread;

import dev.backstep.eclipse.core.BackstepCore;
import dev.backstep.dap.protocol.BackstepProtocolServer;
import dev.backstep.eclipse.core.dap.DapClient;
import dev.backstep.eclipse.core.dap.DapEvents;
import dev.backstep.dap.protocol.InfoArguments;
import dev.backstep.dap.protocol.InfoResponse;
import dev.backstep.dap.protocol.SeekArguments;
import dev.backstep.eclipse.core.launch.BackstepProcess;
import dev.backstep.eclipse.core.launch.LaunchAttributes;

/**
 * A Backstep debug session seen through DAP. The server is single-hart, so there is one thread; every
 * run control request goes through it. State changes come from the server's events, never guessed.
 */
public final class BackstepDebugTarget extends BackstepDebugElement
        implements IDebugTarget, DapEvents, IBreakpointManagerListener, IMemoryBlockRetrieval, ReverseCapable {

    private static final int RECENT_STOPS = 32;

    private final ILaunch launch;
    private final BackstepProcess process;
    private final DapClient client;
    private final boolean debug;
    private final Map<Integer, BackstepThread> threads = new LinkedHashMap<>();
    private final CountDownLatch initialized = new CountDownLatch(1);
    private final Deque<Long> recentStops = new ArrayDeque<>();
    private final BreakpointSync breakpoints;
    private Capabilities capabilities = new Capabilities();
    private volatile boolean suspended;
    private volatile boolean terminated;
    private volatile StopInfo lastStop;
    private volatile Integer exitCode;
    private final String name;

    public BackstepDebugTarget(ILaunch launch, BackstepProcess process, String name, boolean debug) {
        super(null);
        this.launch = launch;
        this.process = process;
        this.name = name;
        this.debug = debug;
        this.client = new DapClient(this);
        this.breakpoints = new BreakpointSync(this);
    }

    @Override
    public IDebugTarget getDebugTarget() {
        return this;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public DapClient client() {
        return client;
    }

    public boolean isDebugSession() {
        return debug;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** Connects, initializes, launches and configures; returns once the server accepted the launch. */
    public void start(Map<String, Object> launchArguments) throws CoreException {
        client.connect(process.serverOutput(), process.serverInput());
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setClientID("eclipse");
        init.setClientName("Eclipse (Backstep)");
        init.setAdapterID("backstep");
        init.setLinesStartAt1(true);
        init.setColumnsStartAt1(true);
        init.setPathFormat("path");
        init.setSupportsVariableType(true);
        init.setSupportsMemoryReferences(true);
        Capabilities caps = client.call(s -> s.initialize(init), 30);
        capabilities = caps == null ? new Capabilities() : caps;
        Map<String, Object> args = new LinkedHashMap<>(launchArguments);
        if (!debug) {
            args.put("noDebug", Boolean.TRUE);
        }
        CompletableFuture<Void> launched = client.server().launch(args);
        awaitInitialized(launched);
        if (debug) {
            DebugPlugin.getDefault().getBreakpointManager().addBreakpointListener(breakpoints);
            DebugPlugin.getDefault().getBreakpointManager().addBreakpointManagerListener(this);
            breakpoints.installAll();
        }
        client.call(s -> s.configurationDone(new ConfigurationDoneArguments()), 30);
        client.call(s -> launched, 60);
        fireCreationEvent();
    }

    /** DAP servers send initialized after (or while) answering launch; a failed launch never sends it. */
    private void awaitInitialized(CompletableFuture<Void> launched) throws CoreException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (!initialized.await(100, TimeUnit.MILLISECONDS)) {
                if (launched.isCompletedExceptionally() || terminated) {
                    client.call(s -> launched, 1); // throws with the server's message
                    throw new CoreException(BackstepCore.error("the Backstep server ended during launch", null));
                }
                if (System.nanoTime() > deadline) {
                    throw new CoreException(BackstepCore.error("the Backstep server did not initialize within 60 s", null));
                }
            }
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt(); // lsp4j.debug.Thread is imported
            throw new CoreException(BackstepCore.error("interrupted during launch", e));
        }
    }

    // ---- events from the server

    @Override
    public void initialized() {
        initialized.countDown();
    }

    @Override
    public void stopped(StoppedEventArguments args) {
        StopInfo stop = StopInfo.of(args);
        lastStop = stop;
        synchronized (recentStops) {
            if (stop.icount() >= 0) {
                recentStops.addLast(stop.icount());
                if (recentStops.size() > RECENT_STOPS) {
                    recentStops.removeFirst();
                }
            }
        }
        refreshThreads();
        suspended = true;
        if (debug) {
            breakpoints.retryPending();
        }
        for (BackstepThread t : threadList()) {
            t.suspended(stop);
        }
        BackstepThread stoppedThread = args.getThreadId() == null ? null : threadById(args.getThreadId());
        if (stoppedThread != null) {
            stoppedThread.fireSuspendEvent(stop.detail());
        } else {
            for (BackstepThread t : threadList()) {
                t.fireSuspendEvent(stop.detail());
            }
        }
        fireChangeEvent(DebugEvent.STATE);
    }

    @Override
    public void continued(ContinuedEventArguments args) {
        if (suspended) {
            resumed(DebugEvent.CLIENT_REQUEST);
        }
    }

    @Override
    public void output(OutputEventArguments args) {
        process.append(args.getCategory(), args.getOutput());
    }

    @Override
    public void exited(ExitedEventArguments args) {
        exitCode = args.getExitCode();
        fireChangeEvent(DebugEvent.STATE);
        if (!debug) {
            // a debug session stays to step back from the end; a run has nothing more to do
            terminated(null);
        }
    }

    /**
     * Console input for the guest's UART (backstep/input): taken live at the end of history, recorded, so that
     * going back and replaying give the same run; the server refuses it in the past and in a replay, saying why.
     */
    public void sendInput(String text) throws IOException {
        try {
            client.call(s -> s.input(new dev.backstep.dap.protocol.InputArguments(text)), 10);
        } catch (CoreException e) {
            throw new IOException("the Backstep server did not take the input: " + e.getMessage(), e);
        }
    }

    @Override
    public void terminated(TerminatedEventArguments args) {
        // the server ends the session; disconnect so that it exits too
        CompletableFuture.runAsync(() -> {
            try {
                terminate();
            } catch (DebugException e) {
                BackstepCore.log("cannot end the Backstep server", e);
            }
        });
    }

    @Override
    public void disconnected() {
        markTerminated();
    }

    // ---- run control

    /** Marks every thread running before a request that moves the machine, so that its stop is not mistaken. */
    void resumed(int detail) {
        suspended = false;
        for (BackstepThread t : threadList()) {
            t.running();
            t.fireResumeEvent(detail);
        }
        fireChangeEvent(DebugEvent.STATE);
    }

    private void refreshThreads() {
        try {
            Thread[] current = client.call(s -> s.threads(), 30).getThreads();
            synchronized (threads) {
                Map<Integer, BackstepThread> old = new LinkedHashMap<>(threads);
                threads.clear();
                for (Thread t : current) {
                    BackstepThread bt = old.remove(t.getId());
                    if (bt == null) {
                        bt = new BackstepThread(this, t.getId(), t.getName());
                        threads.put(t.getId(), bt);
                        bt.fireCreationEvent();
                    } else {
                        threads.put(t.getId(), bt);
                        bt.rename(t.getName());
                    }
                }
                old.values().forEach(BackstepThread::fireTerminateEvent);
            }
        } catch (CoreException e) {
            BackstepCore.log("cannot list the threads", e);
        }
    }

    List<BackstepThread> threadList() {
        synchronized (threads) {
            return new ArrayList<>(threads.values());
        }
    }

    BackstepThread threadById(int id) {
        synchronized (threads) {
            return threads.get(id);
        }
    }

    private BackstepThread firstThread() throws DebugException {
        List<BackstepThread> list = threadList();
        if (list.isEmpty()) {
            throw debugException("the program has no thread to run");
        }
        return list.get(0);
    }

    public StopInfo lastStop() {
        return lastStop;
    }

    public Integer exitCode() {
        return exitCode;
    }

    /** Icounts of the latest stops, oldest first. */
    public List<Long> recentStops() {
        synchronized (recentStops) {
            return new ArrayList<>(recentStops);
        }
    }

    /**
     * Whether values can be changed: a record session whose server supports setVariable. The server still refuses a
     * change in the past (only the end of history is live), saying so, and that message reaches the user.
     */
    public boolean canChangeValues() {
        if (terminated || !Boolean.TRUE.equals(capabilities.getSupportsSetVariable())) {
            return false;
        }
        try {
            return launch.getLaunchConfiguration() == null || !LaunchAttributes.MODE_REPLAY.equals(
                    launch.getLaunchConfiguration().getAttribute(LaunchAttributes.MODE, LaunchAttributes.MODE_RECORD));
        } catch (CoreException e) {
            return false;
        }
    }

    /** Where the session is on its recording, or null when the server cannot say. */
    public InfoResponse timelineInfo() {
        if (terminated) {
            return null;
        }
        try {
            return client.call(s -> s.info(new InfoArguments()), 10);
        } catch (CoreException e) {
            return null;
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public IProcess getProcess() {
        return process;
    }

    @Override
    public IThread[] getThreads() {
        return threadList().toArray(new IThread[0]);
    }

    @Override
    public boolean hasThreads() {
        return !terminated && !threadList().isEmpty();
    }

    @Override
    public boolean supportsBreakpoint(IBreakpoint breakpoint) {
        return debug && breakpoints.supports(breakpoint);
    }

    @Override
    public boolean canTerminate() {
        return !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public void terminate() throws DebugException {
        if (terminated) {
            return;
        }
        try {
            DisconnectArguments args = new DisconnectArguments();
            args.setTerminateDebuggee(true);
            client.call(s -> s.disconnect(args), 5);
        } catch (CoreException e) {
            // the server may already be gone; markTerminated ends the process in any case
        }
        markTerminated();
    }

    /** Once, whoever comes first: terminate() here or the connection's end on the event thread. */
    private synchronized void markTerminated() {
        if (terminated) {
            return;
        }
        terminated = true;
        suspended = false;
        IBreakpointManager manager = DebugPlugin.getDefault().getBreakpointManager();
        manager.removeBreakpointListener(breakpoints);
        manager.removeBreakpointManagerListener(this);
        for (BackstepThread t : threadList()) {
            t.fireTerminateEvent();
        }
        synchronized (threads) {
            threads.clear();
        }
        client.close();
        process.endServer();
        fireTerminateEvent();
    }

    @Override
    public boolean canResume() {
        return !terminated && suspended;
    }

    @Override
    public boolean canSuspend() {
        return !terminated && !suspended;
    }

    @Override
    public boolean isSuspended() {
        return suspended;
    }

    @Override
    public void resume() throws DebugException {
        firstThread().resume();
    }

    @Override
    public void suspend() throws DebugException {
        firstThread().suspend();
    }

    @Override
    public void breakpointAdded(IBreakpoint breakpoint) {
        breakpoints.breakpointAdded(breakpoint);
    }

    @Override
    public void breakpointRemoved(IBreakpoint breakpoint, IMarkerDelta delta) {
        breakpoints.breakpointRemoved(breakpoint, delta);
    }

    @Override
    public void breakpointChanged(IBreakpoint breakpoint, IMarkerDelta delta) {
        breakpoints.breakpointChanged(breakpoint, delta);
    }

    @Override
    public void breakpointManagerEnablementChanged(boolean enabled) {
        breakpoints.installAll();
    }

    @Override
    public boolean canDisconnect() {
        return false;
    }

    @Override
    public void disconnect() throws DebugException {
        terminate();
    }

    @Override
    public boolean isDisconnected() {
        return terminated;
    }

    // ---- memory

    @Override
    public boolean supportsStorageRetrieval() {
        return !terminated && Boolean.TRUE.equals(capabilities.getSupportsReadMemoryRequest());
    }

    @Override
    public IMemoryBlock getMemoryBlock(long startAddress, long length) throws DebugException {
        if (!supportsStorageRetrieval()) {
            throw debugException("this Backstep server cannot read memory");
        }
        return new BackstepMemoryBlock(this, startAddress, length);
    }

    // ---- reverse

    @Override
    public boolean canReverse() {
        return !terminated && suspended && debug;
    }

    @Override
    public void stepBack() throws DebugException {
        firstThread().stepBack();
    }

    @Override
    public void reverseStepInto() throws DebugException {
        firstThread().reverseStepInto();
    }

    @Override
    public void reverseStepReturn() throws DebugException {
        firstThread().reverseStepReturn();
    }

    @Override
    public void reverseResume() throws DebugException {
        firstThread().reverseResume();
    }

    @Override
    public void runToLine(String path, int line, boolean reverse) throws DebugException {
        firstThread().runToLine(path, line, reverse);
    }

    @Override
    public void seek(long icount) throws DebugException {
        if (!canReverse()) {
            throw debugException("the program must be suspended to seek");
        }
        resumed(DebugEvent.CLIENT_REQUEST);
        run(s -> s.seek(new SeekArguments(icount)));
    }

    /** Sends a run control request; on an error answer the target is suspended again where it was. */
    void run(Function<BackstepProtocolServer, CompletableFuture<Void>> request)
            throws DebugException {
        try {
            client.call(request);
        } catch (CoreException e) {
            if (!terminated && !suspended) {
                suspended = true;
                for (BackstepThread t : threadList()) {
                    t.suspended(lastStop);
                    t.fireSuspendEvent(DebugEvent.CLIENT_REQUEST);
                }
            }
            throw debugException(e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == ReverseCapable.class) {
            return (T) this;
        }
        return super.getAdapter(adapter);
    }
}
