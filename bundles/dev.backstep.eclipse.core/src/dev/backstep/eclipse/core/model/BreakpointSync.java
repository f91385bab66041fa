package dev.backstep.eclipse.core.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointListener;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;

import dev.backstep.eclipse.core.BackstepCore;
import dev.backstep.eclipse.core.BackstepIds;
import dev.backstep.eclipse.core.breakpoints.BackstepLineBreakpoint;
import dev.backstep.eclipse.core.breakpoints.BackstepWatchpoint;

/**
 * Keeps the server's breakpoints equal to the workspace's. DAP replaces all breakpoints of one source
 * per request (and all data breakpoints at once), so any change re-sends the whole set it touches.
 */
final class BreakpointSync implements IBreakpointListener {

    private final BackstepDebugTarget target;
    /** Files the server was told about, so that a file whose last breakpoint went is cleared too. */
    private final Set<String> knownFiles = new HashSet<>();
    /** The server resolves a watched expression only while stopped; one that failed is tried again at the next stop. */
    private boolean watchpointsPending;

    BreakpointSync(BackstepDebugTarget target) {
        this.target = target;
    }

    boolean supports(IBreakpoint breakpoint) {
        return BackstepIds.MODEL_ID.equals(breakpoint.getModelIdentifier());
    }

    synchronized void installAll() {
        Set<String> files = new HashSet<>(knownFiles);
        for (BackstepLineBreakpoint bp : lineBreakpoints()) {
            files.add(bp.filePath());
        }
        for (String file : files) {
            sendFile(file);
        }
        sendWatchpoints();
    }

    @Override
    public void breakpointAdded(IBreakpoint breakpoint) {
        changed(breakpoint, null);
    }

    @Override
    public void breakpointRemoved(IBreakpoint breakpoint, IMarkerDelta delta) {
        changed(breakpoint, delta);
    }

    @Override
    public void breakpointChanged(IBreakpoint breakpoint, IMarkerDelta delta) {
        changed(breakpoint, delta);
    }

    private synchronized void changed(IBreakpoint breakpoint, IMarkerDelta delta) {
        if (!supports(breakpoint) || target.isTerminated()) {
            return;
        }
        if (breakpoint instanceof BackstepWatchpoint) {
            sendWatchpoints();
        } else if (breakpoint instanceof BackstepLineBreakpoint line) {
            String path = delta != null ? delta.getAttribute(BackstepLineBreakpoint.FILE_PATH, null) : null;
            if (path == null && line.getMarker() != null && line.getMarker().exists()) {
                path = line.filePath();
            }
            if (path != null) {
                sendFile(path);
            } else {
                installAll();
            }
        }
    }

    private boolean enabled(IBreakpoint bp) {
        try {
            return DebugPlugin.getDefault().getBreakpointManager().isEnabled() && bp.isEnabled();
        } catch (CoreException e) {
            return false;
        }
    }

    private List<BackstepLineBreakpoint> lineBreakpoints() {
        List<BackstepLineBreakpoint> result = new ArrayList<>();
        IBreakpointManager manager = DebugPlugin.getDefault().getBreakpointManager();
        for (IBreakpoint bp : manager.getBreakpoints(BackstepIds.MODEL_ID)) {
            if (bp instanceof BackstepLineBreakpoint line && line.getMarker().exists() && line.filePath() != null) {
                result.add(line);
            }
        }
        return result;
    }

    private void sendFile(String path) {
        List<SourceBreakpoint> lines = new ArrayList<>();
        for (BackstepLineBreakpoint bp : lineBreakpoints()) {
            if (!path.equals(bp.filePath()) || !enabled(bp)) {
                continue;
            }
            SourceBreakpoint sb = new SourceBreakpoint();
            try {
                sb.setLine(bp.getLineNumber());
            } catch (CoreException e) {
                continue;
            }
            sb.setCondition(bp.condition());
            if (bp.hitCount() > 0) {
                sb.setHitCondition(">=" + bp.hitCount());
            }
            lines.add(sb);
        }
        Source source = new Source();
        source.setPath(path);
        source.setName(new java.io.File(path).getName());
        SetBreakpointsArguments args = new SetBreakpointsArguments();
        args.setSource(source);
        args.setBreakpoints(lines.toArray(new SourceBreakpoint[0]));
        try {
            target.client().call(s -> s.setBreakpoints(args), 30);
            knownFiles.add(path);
        } catch (CoreException e) {
            BackstepCore.log("cannot set the breakpoints of " + path, e);
        }
    }

    /** Called at each stop: sends the watchpoints that could not be resolved while the program ran. */
    synchronized void retryPending() {
        if (watchpointsPending) {
            sendWatchpoints();
        }
    }

    private void sendWatchpoints() {
        watchpointsPending = false;
        Map<String, DataBreakpoint> byId = new LinkedHashMap<>();
        IBreakpointManager manager = DebugPlugin.getDefault().getBreakpointManager();
        for (IBreakpoint bp : manager.getBreakpoints(BackstepIds.MODEL_ID)) {
            if (!(bp instanceof BackstepWatchpoint wp) || !enabled(bp)) {
                continue;
            }
            try {
                DataBreakpointInfoArguments info = new DataBreakpointInfoArguments();
                info.setName(wp.expression());
                DataBreakpointInfoResponse r = target.client().call(s -> s.dataBreakpointInfo(info), 30);
                if (r.getDataId() == null) {
                    // kept (a later session may resolve it), but visibly not set: never a stale address silently
                    wp.setProblem("not set in this session: " + r.getDescription());
                    continue;
                }
                wp.setProblem(null);
                DataBreakpoint db = new DataBreakpoint();
                db.setDataId(r.getDataId());
                db.setAccessType(switch (wp.accessType()) {
                    case "read" -> DataBreakpointAccessType.READ;
                    case "readWrite" -> DataBreakpointAccessType.READ_WRITE;
                    default -> DataBreakpointAccessType.WRITE;
                });
                if (wp.hitCount() > 0) {
                    db.setHitCondition(">=" + wp.hitCount());
                }
                byId.put(r.getDataId(), db);
            } catch (CoreException e) {
                if (target.isSuspended()) {
                    BackstepCore.log("cannot watch " + wp.expression(), e);
                } else {
                    watchpointsPending = true;
                }
            }
        }
        if (byId.isEmpty() && !Boolean.TRUE.equals(target.capabilities().getSupportsDataBreakpoints())) {
            return;
        }
        SetDataBreakpointsArguments args = new SetDataBreakpointsArguments();
        args.setBreakpoints(byId.values().toArray(new DataBreakpoint[0]));
        try {
            target.client().call(s -> s.setDataBreakpoints(args), 30);
        } catch (CoreException e) {
            BackstepCore.log("cannot set the watchpoints", e);
        }
    }
}
