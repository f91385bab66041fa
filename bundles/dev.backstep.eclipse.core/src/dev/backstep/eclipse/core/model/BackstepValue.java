package dev.backstep.eclipse.core.model;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;

/** A DAP value; its children are asked for when the tree expands it. */
public final class BackstepValue extends BackstepDebugElement implements IValue {

    private final String text;
    private final String type;
    private final int reference;
    private final String memoryReference;
    private final BackstepStackFrame frame;
    private final String expression;
    private BackstepVariable[] children;

    BackstepValue(BackstepDebugTarget target, String text, String type, int reference, String memoryReference,
            BackstepStackFrame frame, String expression) {
        super(target);
        this.expression = expression;
        this.text = text;
        this.type = type;
        this.reference = reference;
        this.memoryReference = memoryReference;
        this.frame = frame;
    }

    static BackstepVariable[] children(BackstepDebugTarget target, int reference, BackstepStackFrame frame)
            throws DebugException {
        return children(target, reference, frame, null);
    }

    static BackstepVariable[] children(BackstepDebugTarget target, int reference, BackstepStackFrame frame,
            String parentExpression) throws DebugException {
        if (reference <= 0) {
            return new BackstepVariable[0];
        }
        VariablesArguments args = new VariablesArguments();
        args.setVariablesReference(reference);
        try {
            Variable[] vars = target.client().call(s -> s.variables(args), 30).getVariables();
            BackstepVariable[] result = new BackstepVariable[vars.length];
            for (int i = 0; i < vars.length; i++) {
                result[i] = new BackstepVariable(target, vars[i], reference, frame, parentExpression);
            }
            return result;
        } catch (CoreException e) {
            throw debugException(e);
        }
    }

    public String memoryReference() {
        return memoryReference;
    }

    @Override
    public String getReferenceTypeName() {
        return type == null ? "" : type;
    }

    @Override
    public String getValueString() {
        return text == null ? "" : text;
    }

    @Override
    public boolean isAllocated() {
        return true;
    }

    @Override
    public synchronized IVariable[] getVariables() throws DebugException {
        if (children == null) {
            children = children(target(), reference, frame, expression);
        }
        return children.clone();
    }

    @Override
    public boolean hasVariables() {
        return reference > 0;
    }
}
