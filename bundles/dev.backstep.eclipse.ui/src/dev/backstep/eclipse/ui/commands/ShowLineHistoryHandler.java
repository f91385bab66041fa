package dev.backstep.eclipse.ui.commands;

import dev.backstep.eclipse.core.model.BackstepDebugTarget;
import dev.backstep.eclipse.core.model.HistoryRequests;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * Editor › Show Line History: every execution of the line under the cursor in the recording, with an expression's
 * value at each if one is given, in the Backstep History view.
 */
public final class ShowLineHistoryHandler extends AbstractHandler {

    @Override
    public boolean isEnabled() {
        BackstepDebugTarget target = ReverseTargets.currentTarget();
        return target != null && target.isSuspended() && !target.isTerminated();
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IEditorPart editor = HandlerUtil.getActiveEditor(event);
        ReverseRunToLineHandler.Cursor at = editor instanceof ITextEditor text ? ReverseRunToLineHandler.cursor(text) : null;
        if (at == null) {
            throw new ExecutionException("Show Line History needs the cursor in the editor of a source file");
        }
        BackstepDebugTarget target = ReverseTargets.currentTarget();
        if (target == null || !target.isSuspended()) {
            throw new ExecutionException("Show Line History needs a suspended Backstep program");
        }
        InputDialog dialog = new InputDialog(HandlerUtil.getActiveShell(event), "Show Line History",
                "Optional: a C expression to evaluate at every execution of line " + at.line() + " (empty: none)", "",
                null);
        if (dialog.open() != Window.OK) {
            return null;
        }
        String expression = dialog.getValue();
        HistoryHandlers.open(target, "line history of line " + at.line(),
                t -> HistoryRequests.hits(t, at.path(), at.line(), expression, null));
        return null;
    }
}
