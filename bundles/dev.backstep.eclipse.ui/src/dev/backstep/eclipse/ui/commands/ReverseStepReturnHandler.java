package dev.backstep.eclipse.ui.commands;

import org.eclipse.debug.core.DebugException;

import dev.backstep.eclipse.core.model.ReverseCapable;

/** Reverse Step Return on the selected Backstep program. */
public final class ReverseStepReturnHandler extends ReverseCommandHandler {

    @Override
    protected String label() {
        return "Reverse Step Return";
    }

    @Override
    protected void perform(ReverseCapable target, Object argument) throws DebugException {
        target.reverseStepReturn();
    }
}
