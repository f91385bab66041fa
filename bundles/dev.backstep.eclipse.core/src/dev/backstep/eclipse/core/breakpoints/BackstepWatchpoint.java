package dev.backstep.eclipse.core.breakpoints;

import java.util.Map;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.Breakpoint;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IWatchpoint;

import dev.backstep.eclipse.core.BackstepIds;

/**
 * A data breakpoint on a variable (an expression the server resolves to an address range), stopping on
 * writes, reads or both, in either direction of time.
 */
public final class BackstepWatchpoint extends Breakpoint implements IWatchpoint {

    public static final String EXPRESSION = "dev.backstep.eclipse.expression";
    public static final String ACCESS = "dev.backstep.eclipse.access";
    public static final String MODIFICATION = "dev.backstep.eclipse.modification";
    /** Stop from the N-th access on, counted in the direction of travel (0 = every access), as line breakpoints. */
    public static final String HIT_COUNT = "dev.backstep.eclipse.hitCount";

    public BackstepWatchpoint() {
    }

    public BackstepWatchpoint(String expression, boolean access, boolean modification) throws CoreException {
        IResource root = ResourcesPlugin.getWorkspace().getRoot();
        IWorkspaceRunnable create = monitor -> {
            IMarker marker = root.createMarker(BackstepIds.WATCHPOINT_MARKER);
            setMarker(marker);
            marker.setAttributes(Map.of(
                    IBreakpoint.ENABLED, Boolean.TRUE,
                    IBreakpoint.ID, BackstepIds.MODEL_ID,
                    IMarker.MESSAGE, "Backstep watchpoint: " + expression,
                    EXPRESSION, expression,
                    ACCESS, access,
                    MODIFICATION, modification));
        };
        run(getMarkerRule(root), create);
    }

    @Override
    public String getModelIdentifier() {
        return BackstepIds.MODEL_ID;
    }

    public String expression() {
        return getMarker().getAttribute(EXPRESSION, "");
    }

    /**
     * Says in the Breakpoints view why the watchpoint watches nothing now (its expression does not resolve in this
     * program), or, with null, that it is set. Watchpoints are resolved again from their expression in every session.
     */
    public void setProblem(String problem) throws CoreException {
        String message = "Backstep watchpoint: " + expression() + (problem == null ? "" : " (" + problem + ")");
        if (!message.equals(getMarker().getAttribute(IMarker.MESSAGE, ""))) {
            setAttribute(IMarker.MESSAGE, message);
        }
    }

    public int hitCount() {
        return getMarker().getAttribute(HIT_COUNT, 0);
    }

    public void setHitCount(int count) throws CoreException {
        setAttribute(HIT_COUNT, Math.max(0, count));
    }

    /** DAP's accessType: read, write or readWrite. */
    public String accessType() throws CoreException {
        boolean read = isAccess();
        boolean write = isModification();
        return read && write ? "readWrite" : read ? "read" : "write";
    }

    @Override
    public boolean isAccess() throws CoreException {
        return getMarker().getAttribute(ACCESS, false);
    }

    @Override
    public void setAccess(boolean access) throws CoreException {
        setAttribute(ACCESS, access);
    }

    @Override
    public boolean isModification() throws CoreException {
        return getMarker().getAttribute(MODIFICATION, true);
    }

    @Override
    public void setModification(boolean modification) throws CoreException {
        setAttribute(MODIFICATION, modification);
    }

    @Override
    public boolean supportsAccess() {
        return true;
    }

    @Override
    public boolean supportsModification() {
        return true;
    }
}
