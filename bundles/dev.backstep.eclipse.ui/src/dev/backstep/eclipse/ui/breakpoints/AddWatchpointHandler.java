package dev.backstep.eclipse.ui.breakpoints;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.backstep.eclipse.core.breakpoints.BackstepWatchpoint;
import dev.backstep.eclipse.core.model.BackstepVariable;

/** Variables view › Add Watchpoint (Backstep): stops when the variable is written, going either way in time. */
public final class AddWatchpointHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        ISelection selection = HandlerUtil.getCurrentSelection(event);
        if (selection instanceof IStructuredSelection s) {
            for (Object o : s) {
                if (o instanceof BackstepVariable v && v.expression() != null) {
                    try {
                        DebugPlugin.getDefault().getBreakpointManager()
                                .addBreakpoint(new BackstepWatchpoint(v.expression(), false, true));
                    } catch (CoreException e) {
                        throw new ExecutionException("cannot add a watchpoint on " + v.expression(), e);
                    }
                }
            }
        }
        return null;
    }
}
