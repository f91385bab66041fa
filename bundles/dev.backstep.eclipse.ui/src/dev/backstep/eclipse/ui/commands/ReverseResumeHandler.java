package dev.backstep.eclipse.ui.commands;

import org.eclipse.debug.core.DebugException;

import dev.backstep.eclipse.core.model.ReverseCapable;

/** Reverse Resume on the selected Backstep program. */
public final class ReverseResumeHandler extends ReverseCommandHandler {

    @Override
    protected String label() {
        return "Reverse Resume";
    }

    @Override
    protected void perform(ReverseCapable target, Object argument) throws DebugException {
        target.reverseResume();
    }
}
