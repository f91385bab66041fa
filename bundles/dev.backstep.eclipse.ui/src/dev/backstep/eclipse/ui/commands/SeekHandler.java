package dev.backstep.eclipse.ui.commands;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;

import dev.backstep.eclipse.core.model.BackstepDebugTarget;
import dev.backstep.eclipse.core.model.ReverseCapable;
import dev.backstep.eclipse.core.model.StopInfo;

/** Seek to Instruction Count…: the icount comes from the command's parameter, else from a dialog. */
public final class SeekHandler extends ReverseCommandHandler {

    public static final String ICOUNT_PARAMETER = "dev.backstep.eclipse.ui.seek.icount";

    @Override
    protected String label() {
        return "Seek to Instruction Count";
    }

    @Override
    protected Object argument(ExecutionEvent event) {
        String given = event.getParameter(ICOUNT_PARAMETER);
        if (given != null && !given.isBlank()) {
            return Long.parseLong(given.trim());
        }
        BackstepDebugTarget target = ReverseTargets.currentTarget();
        StopInfo stop = target == null ? null : target.lastStop();
        String initial = stop == null || stop.icount() < 0 ? "0" : Long.toString(stop.icount());
        IInputValidator valid = text -> {
            try {
                return Long.parseLong(text.trim()) >= 0 ? null : "the icount cannot be negative";
            } catch (NumberFormatException e) {
                return "enter a number of instructions (icount)";
            }
        };
        InputDialog dialog = new InputDialog(Display.getCurrent().getActiveShell(), "Seek to Instruction Count",
                "Instruction count (icount) to go to, forward or backward:", initial, valid);
        return dialog.open() == Window.OK ? (Object) Long.parseLong(dialog.getValue().trim()) : CANCELLED;
    }

    @Override
    protected void perform(ReverseCapable target, Object argument) throws DebugException {
        target.seek((Long) argument);
    }
}
