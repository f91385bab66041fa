package dev.backstep.eclipse.core.model;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.Variable;

/**
 * A DAP variable (or a whole scope such as the globals, shown as one expandable entry). Changeable in a record
 * session at the end of history (the server records the change as an input, so replays reproduce it).
 */
public class BackstepVariable extends BackstepDebugElement implements IVariable {

    private final String name;
    private final String type;
    private final BackstepValue value;
    /** The container the server knows this variable by, for data breakpoints; 0 for a scope entry. */
    private final int containerReference;
    private final BackstepStackFrame frame;
    private final String expression;

    BackstepVariable(BackstepDebugTarget target, Variable v, int containerReference, BackstepStackFrame frame,
            String parentExpression) {
        super(target);
        this.name = v.getName();
        this.expression = v.getEvaluateName() != null && !v.getEvaluateName().isBlank() ? v.getEvaluateName()
                : parentExpression == null ? v.getName()
                : v.getName().startsWith("[") ? parentExpression + v.getName()
                : parentExpression + "." + v.getName();
        this.type = v.getType();
        this.containerReference = containerReference;
        this.frame = frame;
        this.value = new BackstepValue(target, v.getValue(), v.getType(), v.getVariablesReference(),
                v.getMemoryReference(), frame, expression);
    }

    private BackstepVariable(BackstepStackFrame frame, Scope scope) {
        super(frame.target());
        this.name = scope.getName();
        this.type = "";
        this.containerReference = 0;
        this.frame = frame;
        this.expression = null;
        this.value = new BackstepValue(frame.target(), "", "", scope.getVariablesReference(), null, frame, null);
    }

    static BackstepVariable scope(BackstepStackFrame frame, Scope scope) {
        return new BackstepVariable(frame, scope);
    }

    /** The C expression for this variable (config.alarm_limit, window[3]), for watchpoints; null for a scope. */
    public String expression() {
        return expression;
    }

    public int containerReference() {
        return containerReference;
    }

    public BackstepStackFrame frame() {
        return frame;
    }

    @Override
    public IValue getValue() {
        return value;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getReferenceTypeName() {
        return type == null ? "" : type;
    }

    @Override
    public boolean hasValueChanged() {
        return false;
    }

    @Override
    public void setValue(String newValue) throws DebugException {
        if (!supportsValueModification()) {
            throw debugException("Backstep cannot change " + name + " here: values change only in a record session");
        }
        SetVariableArguments args = new SetVariableArguments();
        args.setVariablesReference(containerReference);
        args.setName(name);
        args.setValue(newValue.trim());
        try {
            client().call(s -> s.setVariable(args), 30);
        } catch (CoreException e) {
            throw debugException(e);
        }
        // other values may depend on this one (a pointer, an alias, a register): the views ask again
        ((BackstepThread) frame.getThread()).stateChanged();
    }

    @Override
    public void setValue(IValue v) throws DebugException {
        setValue(v.getValueString());
    }

    @Override
    public boolean supportsValueModification() {
        return containerReference > 0 && frame != null && target().canChangeValues();
    }

    @Override
    public boolean verifyValue(String newValue) {
        return newValue != null && !newValue.isBlank();
    }

    @Override
    public boolean verifyValue(IValue v) {
        try {
            return v != null && verifyValue(v.getValueString());
        } catch (DebugException e) {
            return false;
        }
    }
}
