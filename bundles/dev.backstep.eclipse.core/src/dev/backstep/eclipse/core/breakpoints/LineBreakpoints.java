package dev.backstep.eclipse.core.breakpoints;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.model.IBreakpoint;

import dev.backstep.eclipse.core.BackstepIds;

/** Adding and removing line breakpoints by file and line, for the editors' toggle action and for tests. */
public final class LineBreakpoints {

    private LineBreakpoints() {
    }

    /** The breakpoint at that line of that file, or null. */
    public static BackstepLineBreakpoint find(String path, int line) throws CoreException {
        for (IBreakpoint bp : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(BackstepIds.MODEL_ID)) {
            if (bp instanceof BackstepLineBreakpoint lb && path.equals(lb.filePath()) && lb.getLineNumber() == line) {
                return lb;
            }
        }
        return null;
    }

    /**
     * Removes the breakpoint at that line, or adds one; returns the new breakpoint or null when removed.
     * @param file the workspace file, or null for a file outside the workspace
     */
    public static BackstepLineBreakpoint toggle(IFile file, String path, int line) throws CoreException {
        IBreakpointManager manager = DebugPlugin.getDefault().getBreakpointManager();
        BackstepLineBreakpoint existing = find(path, line);
        if (existing != null) {
            existing.delete();
            return null;
        }
        IResource resource = file != null ? file : ResourcesPlugin.getWorkspace().getRoot();
        BackstepLineBreakpoint bp = new BackstepLineBreakpoint(resource, path, line);
        manager.addBreakpoint(bp);
        return bp;
    }
}
