package dev.backstep.eclipse.core.model;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;

import dev.backstep.eclipse.core.BackstepCore;
import dev.backstep.eclipse.core.BackstepIds;
import dev.backstep.eclipse.core.dap.DapClient;

/** Base of every element of the Backstep debug model. */
public abstract class BackstepDebugElement extends DebugElement {

    protected BackstepDebugElement(BackstepDebugTarget target) {
        super(target);
    }

    @Override
    public String getModelIdentifier() {
        return BackstepIds.MODEL_ID;
    }

    public BackstepDebugTarget target() {
        return (BackstepDebugTarget) getDebugTarget();
    }

    protected DapClient client() {
        return target().client();
    }

    protected static DebugException debugException(CoreException e) {
        return e instanceof DebugException de ? de : new DebugException(e.getStatus());
    }

    protected static DebugException debugException(String message) {
        return new DebugException(BackstepCore.error(message, null));
    }
}
