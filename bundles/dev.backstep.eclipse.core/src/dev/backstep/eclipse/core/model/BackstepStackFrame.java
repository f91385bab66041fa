package dev.backstep.eclipse.core.model;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackFrame;

/**
 * One DAP stack frame. Its locals are the frame's variables; other scopes (globals) appear as one
 * expandable entry each; the registers scope becomes the register group.
 */
public final class BackstepStackFrame extends BackstepDebugElement implements IStackFrame, ReverseCapable {

    private final BackstepThread thread;
    private final StackFrame frame;
    private final int depth;
    private IVariable[] variables;
    private IRegisterGroup[] registerGroups;

    BackstepStackFrame(BackstepThread thread, StackFrame frame, int depth) {
        super(thread.target());
        this.thread = thread;
        this.frame = frame;
        this.depth = depth;
    }

    public int frameId() {
        return frame.getId();
    }

    public int depth() {
        return depth;
    }

    /** The path of the source as the DWARF line table names it, or null. */
    public String sourcePath() {
        if (frame.getSource() == null) {
            return null;
        }
        String path = frame.getSource().getPath();
        return path != null ? path : frame.getSource().getName();
    }

    public String instructionPointer() {
        return frame.getInstructionPointerReference();
    }

    synchronized void forgetVariables() {
        variables = null;
        registerGroups = null;
    }

    private synchronized void loadScopes() throws DebugException {
        if (variables != null) {
            return;
        }
        ScopesArguments args = new ScopesArguments();
        args.setFrameId(frame.getId());
        Scope[] scopes;
        try {
            scopes = client().call(s -> s.scopes(args), 30).getScopes();
        } catch (CoreException e) {
            throw debugException(e);
        }
        List<IVariable> vars = new ArrayList<>();
        List<IRegisterGroup> groups = new ArrayList<>();
        boolean first = true;
        for (Scope scope : scopes) {
            if (isRegisters(scope)) {
                groups.add(new BackstepRegisterGroup(this, scope));
            } else if (first && isLocals(scope)) {
                for (BackstepVariable v : BackstepValue.children(target(), scope.getVariablesReference(), this)) {
                    vars.add(v);
                }
                first = false;
            } else {
                vars.add(BackstepVariable.scope(this, scope));
            }
        }
        variables = vars.toArray(new IVariable[0]);
        registerGroups = groups.toArray(new IRegisterGroup[0]);
    }

    private static boolean isRegisters(Scope scope) {
        return "registers".equals(scope.getPresentationHint())
                || scope.getName() != null && scope.getName().toLowerCase().startsWith("register");
    }

    private static boolean isLocals(Scope scope) {
        return "locals".equals(scope.getPresentationHint())
                || scope.getName() != null && scope.getName().toLowerCase().startsWith("local");
    }

    @Override
    public IThread getThread() {
        return thread;
    }

    @Override
    public IVariable[] getVariables() throws DebugException {
        loadScopes();
        return variables.clone();
    }

    @Override
    public boolean hasVariables() throws DebugException {
        return getVariables().length > 0;
    }

    @Override
    public int getLineNumber() {
        return frame.getLine();
    }

    @Override
    public int getCharStart() {
        return -1;
    }

    @Override
    public int getCharEnd() {
        return -1;
    }

    @Override
    public String getName() {
        return frame.getName();
    }

    @Override
    public IRegisterGroup[] getRegisterGroups() throws DebugException {
        loadScopes();
        return registerGroups.clone();
    }

    @Override
    public boolean hasRegisterGroups() throws DebugException {
        return getRegisterGroups().length > 0;
    }

    @Override
    public boolean canStepInto() {
        return thread.canStepInto();
    }

    @Override
    public boolean canStepOver() {
        return thread.canStepOver();
    }

    @Override
    public boolean canStepReturn() {
        return thread.canStepReturn();
    }

    @Override
    public boolean isStepping() {
        return thread.isStepping();
    }

    @Override
    public void stepInto() throws DebugException {
        thread.stepInto();
    }

    @Override
    public void stepOver() throws DebugException {
        thread.stepOver();
    }

    @Override
    public void stepReturn() throws DebugException {
        thread.stepReturn();
    }

    @Override
    public boolean canResume() {
        return thread.canResume();
    }

    @Override
    public boolean canSuspend() {
        return thread.canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return thread.isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        thread.resume();
    }

    @Override
    public void suspend() throws DebugException {
        thread.suspend();
    }

    @Override
    public boolean canTerminate() {
        return thread.canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return thread.isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        thread.terminate();
    }

    @Override
    public boolean canReverse() {
        return thread.canReverse();
    }

    @Override
    public void stepBack() throws DebugException {
        thread.stepBack();
    }

    @Override
    public void reverseStepInto() throws DebugException {
        thread.reverseStepInto();
    }

    @Override
    public void reverseStepReturn() throws DebugException {
        thread.reverseStepReturn();
    }

    @Override
    public void reverseResume() throws DebugException {
        thread.reverseResume();
    }

    @Override
    public void seek(long icount) throws DebugException {
        thread.seek(icount);
    }

    @Override
    public void runToLine(String path, int line, boolean reverse) throws DebugException {
        thread.runToLine(path, line, reverse);
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
