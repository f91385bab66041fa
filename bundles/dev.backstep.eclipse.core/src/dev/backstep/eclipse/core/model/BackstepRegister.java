package dev.backstep.eclipse.core.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IValue;

/** One register; changeable where its variable is (a record session at the end of history). */
public final class BackstepRegister extends BackstepDebugElement implements IRegister {

    private final BackstepRegisterGroup group;
    private final BackstepVariable variable;

    BackstepRegister(BackstepRegisterGroup group, BackstepVariable variable) {
        super(group.target());
        this.group = group;
        this.variable = variable;
    }

    @Override
    public IRegisterGroup getRegisterGroup() {
        return group;
    }

    @Override
    public IValue getValue() {
        return variable.getValue();
    }

    @Override
    public String getName() {
        return variable.getName();
    }

    @Override
    public String getReferenceTypeName() {
        return variable.getReferenceTypeName();
    }

    @Override
    public boolean hasValueChanged() {
        return false;
    }

    @Override
    public void setValue(String expression) throws DebugException {
        variable.setValue(expression);
    }

    @Override
    public void setValue(IValue value) throws DebugException {
        variable.setValue(value);
    }

    @Override
    public boolean supportsValueModification() {
        return variable.supportsValueModification();
    }

    @Override
    public boolean verifyValue(String expression) {
        return variable.verifyValue(expression);
    }

    @Override
    public boolean verifyValue(IValue value) {
        return variable.verifyValue(value);
    }
}
