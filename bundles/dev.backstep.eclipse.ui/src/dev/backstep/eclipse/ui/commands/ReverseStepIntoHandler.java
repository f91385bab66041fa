package dev.backstep.eclipse.ui.commands;

import org.eclipse.debug.core.DebugException;

import dev.backstep.eclipse.core.model.ReverseCapable;

/** Reverse Step Into on the selected Backstep program. */
public final class ReverseStepIntoHandler extends ReverseCommandHandler {

    @Override
    protected String label() {
        return "Reverse Step Into";
    }

    @Override
    protected void perform(ReverseCapable target, Object argument) throws DebugException {
        target.reverseStepInto();
    }
}
