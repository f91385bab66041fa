package dev.backstep.eclipse.core.model;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;

import dev.backstep.dap.protocol.BackstepProtocolServer;
import dev.backstep.dap.protocol.ReverseStepInArguments;
import dev.backstep.dap.protocol.ReverseStepOutArguments;
import dev.backstep.dap.protocol.RunToLineArguments;

/** The hart. Its frames are asked for once per stop and kept until it runs again. */
public final class BackstepThread extends BackstepDebugElement implements IThread, ReverseCapable {

    private final int id;
    private volatile String name;
    private volatile boolean suspended;
    private volatile boolean stepping;
    private volatile StopInfo stop;
    private volatile BackstepStackFrame[] frames;

    BackstepThread(BackstepDebugTarget target, int id, String name) {
        super(target);
        this.id = id;
        this.name = name;
    }

    /** An RTOS task's thread says its state in its name ("Rx (blocked, prio 2)"): it changes from stop to stop. */
    void rename(String newName) {
        if (newName != null && !newName.equals(name)) {
            name = newName;
            fireChangeEvent(org.eclipse.debug.core.DebugEvent.STATE);
        }
    }

    public int id() {
        return id;
    }

    public StopInfo stop() {
        return stop;
    }

    void suspended(StopInfo why) {
        stop = why;
        frames = null;
        stepping = false;
        suspended = true;
    }

    /**
     * The program's state changed without running (a value set at the end of history): every frame's variables and
     * registers are asked for again, in the frames the views already show.
     */
    void stateChanged() {
        BackstepStackFrame[] cached = frames;
        if (cached == null) {
            return;
        }
        for (BackstepStackFrame f : cached) {
            f.forgetVariables();
        }
        for (BackstepStackFrame f : cached) {
            f.fireChangeEvent(DebugEvent.CONTENT);
        }
    }

    void running() {
        frames = null;
        suspended = false;
    }

    @Override
    public synchronized IStackFrame[] getStackFrames() throws DebugException {
        if (!suspended) {
            return new IStackFrame[0];
        }
        BackstepStackFrame[] cached = frames;
        if (cached == null) {
            StackTraceArguments args = new StackTraceArguments();
            args.setThreadId(id);
            args.setStartFrame(0);
            args.setLevels(256);
            try {
                StackFrame[] dap = client().call(s -> s.stackTrace(args), 30).getStackFrames();
                cached = new BackstepStackFrame[dap.length];
                for (int i = 0; i < dap.length; i++) {
                    cached[i] = new BackstepStackFrame(this, dap[i], i);
                }
            } catch (CoreException e) {
                throw debugException(e);
            }
            frames = cached;
        }
        return cached.clone();
    }

    @Override
    public boolean hasStackFrames() throws DebugException {
        return suspended;
    }

    @Override
    public int getPriority() {
        return 0;
    }

    @Override
    public IStackFrame getTopStackFrame() throws DebugException {
        IStackFrame[] f = getStackFrames();
        return f.length == 0 ? null : f[0];
    }

    @Override
    public String getName() {
        return name == null || name.isBlank() ? "hart " + id : name;
    }

    @Override
    public IBreakpoint[] getBreakpoints() {
        return new IBreakpoint[0];
    }

    @Override
    public boolean canResume() {
        return suspended && !isTerminated();
    }

    @Override
    public boolean canSuspend() {
        return !suspended && !isTerminated();
    }

    @Override
    public boolean isSuspended() {
        return suspended;
    }

    @Override
    public void resume() throws DebugException {
        ContinueArguments args = new ContinueArguments();
        args.setThreadId(id);
        go(DebugEvent.CLIENT_REQUEST, s -> s.continue_(args).thenApply(r -> null));
    }

    @Override
    public void suspend() throws DebugException {
        PauseArguments args = new PauseArguments();
        args.setThreadId(id);
        try {
            client().call(s -> s.pause(args), 30);
        } catch (CoreException e) {
            throw debugException(e);
        }
    }

    @Override
    public boolean canStepInto() {
        return canResume();
    }

    @Override
    public boolean canStepOver() {
        return canResume();
    }

    @Override
    public boolean canStepReturn() {
        return canResume();
    }

    @Override
    public boolean isStepping() {
        return stepping;
    }

    @Override
    public void stepInto() throws DebugException {
        StepInArguments args = new StepInArguments();
        args.setThreadId(id);
        step(DebugEvent.STEP_INTO, s -> s.stepIn(args));
    }

    @Override
    public void stepOver() throws DebugException {
        NextArguments args = new NextArguments();
        args.setThreadId(id);
        step(DebugEvent.STEP_OVER, s -> s.next(args));
    }

    @Override
    public void stepReturn() throws DebugException {
        StepOutArguments args = new StepOutArguments();
        args.setThreadId(id);
        step(DebugEvent.STEP_RETURN, s -> s.stepOut(args));
    }

    @Override
    public boolean canTerminate() {
        return target().canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return target().isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        target().terminate();
    }

    // ---- reverse

    @Override
    public boolean canReverse() {
        return canResume() && target().canReverse();
    }

    @Override
    public void stepBack() throws DebugException {
        StepBackArguments args = new StepBackArguments();
        args.setThreadId(id);
        step(DebugEvent.STEP_OVER, s -> s.stepBack(args));
    }

    @Override
    public void reverseStepInto() throws DebugException {
        try {
            step(DebugEvent.STEP_INTO, s -> s.reverseStepIn(new ReverseStepInArguments(id)));
        } catch (DebugException e) {
            if (String.valueOf(e.getMessage()).contains("backstep/reverseStepIn")) {
                throw debugException("this Backstep server has no reverse step into (backstep/reverseStepIn): "
                        + e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public void reverseStepReturn() throws DebugException {
        step(DebugEvent.STEP_RETURN, s -> s.reverseStepOut(new ReverseStepOutArguments(id)));
    }

    @Override
    public void reverseResume() throws DebugException {
        ReverseContinueArguments args = new ReverseContinueArguments();
        args.setThreadId(id);
        go(DebugEvent.CLIENT_REQUEST, s -> s.reverseContinue(args));
    }

    @Override
    public void seek(long icount) throws DebugException {
        target().seek(icount);
    }

    @Override
    public void runToLine(String path, int line, boolean reverse) throws DebugException {
        go(DebugEvent.CLIENT_REQUEST, s -> s.runToLine(new RunToLineArguments(id, path, line, reverse)));
    }

    private void step(int detail, Function<BackstepProtocolServer, CompletableFuture<Void>> request) throws DebugException {
        stepping = true;
        go(detail, request);
    }

    private void go(int detail, Function<BackstepProtocolServer, CompletableFuture<Void>> request) throws DebugException {
        if (!canResume()) {
            throw debugException("the program is not suspended");
        }
        target().resumed(detail);
        target().run(request);
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
