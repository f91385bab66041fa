package dev.backstep.eclipse.core.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.lsp4j.debug.Scope;

/** The registers scope of a frame (general-purpose registers, pc, CSRs) for the Registers view. */
public final class BackstepRegisterGroup extends BackstepDebugElement implements IRegisterGroup {

    private final BackstepStackFrame frame;
    private final Scope scope;
    private IRegister[] registers;

    BackstepRegisterGroup(BackstepStackFrame frame, Scope scope) {
        super(frame.target());
        this.frame = frame;
        this.scope = scope;
    }

    @Override
    public String getName() {
        return scope.getName();
    }

    @Override
    public synchronized IRegister[] getRegisters() throws DebugException {
        if (registers == null) {
            BackstepVariable[] vars = BackstepValue.children(target(), scope.getVariablesReference(), frame);
            registers = new IRegister[vars.length];
            for (int i = 0; i < vars.length; i++) {
                registers[i] = new BackstepRegister(this, vars[i]);
            }
        }
        return registers.clone();
    }

    @Override
    public boolean hasRegisters() {
        return scope.getVariablesReference() > 0;
    }
}
