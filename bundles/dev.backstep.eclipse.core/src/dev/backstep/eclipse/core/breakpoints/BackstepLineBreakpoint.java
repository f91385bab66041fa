package dev.backstep.eclipse.core.breakpoints;

import java.util.Map;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.LineBreakpoint;

import dev.backstep.eclipse.core.BackstepIds;

/**
 * A line breakpoint in any text file. A file outside the workspace is marked on the workspace root
 * with its path in {@link #FILE_PATH}. Condition and hit count go to the server as DAP's condition and
 * hitCondition.
 */
public final class BackstepLineBreakpoint extends LineBreakpoint {

    public static final String FILE_PATH = "dev.backstep.eclipse.filePath";
    public static final String CONDITION = "dev.backstep.eclipse.condition";
    public static final String HIT_COUNT = "dev.backstep.eclipse.hitCount";

    /** For the breakpoint manager, which restores breakpoints from their markers. */
    public BackstepLineBreakpoint() {
    }

    public BackstepLineBreakpoint(IResource resource, String filePath, int line) throws CoreException {
        IWorkspaceRunnable create = monitor -> {
            IMarker marker = resource.createMarker(BackstepIds.LINE_BREAKPOINT_MARKER);
            setMarker(marker);
            marker.setAttributes(Map.of(
                    IBreakpoint.ENABLED, Boolean.TRUE,
                    IMarker.LINE_NUMBER, line,
                    IBreakpoint.ID, BackstepIds.MODEL_ID,
                    IMarker.MESSAGE, "Backstep breakpoint: " + new java.io.File(filePath).getName() + " [line: " + line + "]",
                    FILE_PATH, filePath));
        };
        run(getMarkerRule(resource), create);
    }

    @Override
    public String getModelIdentifier() {
        return BackstepIds.MODEL_ID;
    }

    /** The absolute file-system path the server is told about. */
    public String filePath() {
        IMarker m = getMarker();
        String path = m.getAttribute(FILE_PATH, null);
        if (path == null && m.getResource().getLocation() != null) {
            path = m.getResource().getLocation().toOSString();
        }
        return path;
    }

    public String condition() {
        String c = getMarker().getAttribute(CONDITION, "");
        return c.isBlank() ? null : c;
    }

    public void setCondition(String condition) throws CoreException {
        setAttribute(CONDITION, condition == null ? "" : condition);
    }

    /** 0 when not set; else the breakpoint stops on that hit and later ones. */
    public int hitCount() {
        return getMarker().getAttribute(HIT_COUNT, 0);
    }

    public void setHitCount(int count) throws CoreException {
        setAttribute(HIT_COUNT, Math.max(0, count));
    }
}
