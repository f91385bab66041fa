package dev.backstep.eclipse.ui.commands;

import org.eclipse.debug.core.DebugException;

import dev.backstep.eclipse.core.model.ReverseCapable;

/** Step Back on the selected Backstep program. */
public final class StepBackHandler extends ReverseCommandHandler {

    @Override
    protected String label() {
        return "Step Back";
    }

    @Override
    protected void perform(ReverseCapable target, Object argument) throws DebugException {
        target.stepBack();
    }
}
