package dev.backstep.eclipse.ui.commands;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;

import dev.backstep.dap.protocol.InfoResponse;
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
            if (isEdge(given)) {
                Long at = edge(given);
                return at != null ? at : CANCELLED;
            }
            return Long.parseLong(given.trim());
        }
        BackstepDebugTarget target = ReverseTargets.currentTarget();
        StopInfo stop = target == null ? null : target.lastStop();
        String initial = stop == null || stop.icount() < 0 ? "0" : Long.toString(stop.icount());
        IInputValidator valid = text -> {
            if (isEdge(text)) {
                return null;
            }
            try {
                return Long.parseLong(text.trim()) >= 0 ? null : "the icount cannot be negative";
            } catch (NumberFormatException e) {
                return "enter a number of instructions (icount), start or end";
            }
        };
        InputDialog dialog = new InputDialog(Display.getCurrent().getActiveShell(), "Seek to Instruction Count",
                "Instruction count (icount) to go to, forward or backward, or start / end of the recorded history:",
                initial, valid);
        if (dialog.open() != Window.OK) {
            return CANCELLED;
        }
        String answer = dialog.getValue().trim();
        if (isEdge(answer)) {
            Long at = edge(answer);
            return at != null ? at : CANCELLED;
        }
        return Long.parseLong(answer);
    }

    private static boolean isEdge(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        return t.equals("start") || t.equals("end");
    }

    /** "start" or "end" of the recorded history (the end asked of the server: it grows while recording), or null. */
    private static Long edge(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("start")) {
            return 0L;
        }
        if (t.equals("end")) {
            BackstepDebugTarget target = ReverseTargets.currentTarget();
            InfoResponse info = target == null ? null : target.timelineInfo();
            return info == null ? null : info.getRecordedLength();
        }
        return null;
    }

    @Override
    protected void perform(ReverseCapable target, Object argument) throws DebugException {
        target.seek((Long) argument);
    }
}
