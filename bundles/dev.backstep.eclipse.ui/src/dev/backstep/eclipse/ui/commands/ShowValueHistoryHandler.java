package dev.backstep.eclipse.ui.commands;

import dev.backstep.eclipse.core.model.BackstepDebugTarget;
import dev.backstep.eclipse.core.model.BackstepVariable;
import dev.backstep.eclipse.core.model.HistoryRequests;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

/** Variables view › Show Value History: every write of the variable in the recording, in the Backstep History view. */
public final class ShowValueHistoryHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        ISelection selection = HandlerUtil.getCurrentSelection(event);
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof BackstepVariable v
                && v.expression() != null) {
            BackstepDebugTarget target = (BackstepDebugTarget) v.getDebugTarget();
            Integer frame = v.frame() == null ? null : v.frame().frameId();
            HistoryHandlers.open(target, "value history of " + v.expression(),
                    t -> HistoryRequests.values(t, v.expression(), frame, null));
        }
        return null;
    }
}
