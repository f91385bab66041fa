package dev.backstep.eclipse.ui;

import java.io.File;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.sourcelookup.containers.LocalFileStorage;
import org.eclipse.debug.ui.IDebugModelPresentation;
import org.eclipse.debug.ui.IValueDetailListener;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IEditorDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.ide.FileStoreEditorInput;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.part.FileEditorInput;

import dev.backstep.eclipse.core.breakpoints.BackstepLineBreakpoint;
import dev.backstep.eclipse.core.breakpoints.BackstepWatchpoint;
import dev.backstep.eclipse.core.model.BackstepDebugTarget;
import dev.backstep.eclipse.core.model.BackstepStackFrame;
import dev.backstep.eclipse.core.model.BackstepThread;
import dev.backstep.eclipse.core.model.StopInfo;

/** Labels that show where in time a stop is (its icount), and editors for sources found by lookup. */
public final class BackstepModelPresentation extends LabelProvider implements IDebugModelPresentation {

    @Override
    public void setAttribute(String attribute, Object value) {
        // no presentation options
    }

    @Override
    public Image getImage(Object element) {
        return null;
    }

    @Override
    public String getText(Object element) {
        try {
            if (element instanceof BackstepDebugTarget t) {
                String text = t.getName();
                if (t.isTerminated()) {
                    return "<terminated> " + text;
                }
                return t.exitCode() != null ? text + " (program exited with " + t.exitCode() + ")" : text;
            }
            if (element instanceof BackstepThread t) {
                if (t.isTerminated()) {
                    return t.getName() + " (terminated)";
                }
                if (!t.isSuspended()) {
                    return t.getName() + " (running)";
                }
                StopInfo stop = t.stop();
                return t.getName() + " (suspended" + (stop == null ? "" : ": " + stop.label()) + ")";
            }
            if (element instanceof BackstepStackFrame f) {
                String source = f.sourcePath();
                String where = source == null ? "" : " at " + new File(source).getName() + ":" + f.getLineNumber();
                String pc = f.instructionPointer() == null ? "" : " [" + f.instructionPointer() + "]";
                return f.getName() + "()" + where + pc;
            }
            if (element instanceof BackstepLineBreakpoint bp) {
                StringBuilder text = new StringBuilder();
                text.append(new File(String.valueOf(bp.filePath())).getName()).append(" [line: ")
                        .append(bp.getLineNumber()).append(']');
                if (bp.hitCount() > 0) {
                    text.append(" [hit count: ").append(bp.hitCount()).append(']');
                }
                if (bp.condition() != null) {
                    text.append(" [if ").append(bp.condition()).append(']');
                }
                return text.toString();
            }
            if (element instanceof BackstepWatchpoint wp) {
                return wp.expression() + " [" + wp.accessType() + "]"
                        + (wp.hitCount() > 0 ? " [hit count: " + wp.hitCount() + "]" : "");
            }
        } catch (CoreException e) {
            return null;
        }
        return null;
    }

    @Override
    public void computeDetail(IValue value, IValueDetailListener listener) {
        String detail;
        try {
            detail = value.getValueString();
        } catch (DebugException e) {
            detail = e.getMessage();
        }
        listener.detailComputed(value, detail);
    }

    @Override
    public IEditorInput getEditorInput(Object element) {
        if (element instanceof IFile f) {
            return new FileEditorInput(f);
        }
        if (element instanceof LocalFileStorage s) {
            return new FileStoreEditorInput(EFS.getLocalFileSystem().fromLocalFile(s.getFile()));
        }
        if (element instanceof BackstepLineBreakpoint bp) {
            IMarker m = bp.getMarker();
            if (m.getResource() instanceof IFile f) {
                return new FileEditorInput(f);
            }
            String path = bp.filePath();
            return path == null ? null : new FileStoreEditorInput(EFS.getLocalFileSystem().fromLocalFile(new File(path)));
        }
        return null;
    }

    @Override
    public String getEditorId(IEditorInput input, Object element) {
        try {
            IEditorDescriptor d = IDE.getEditorDescriptor(input.getName(), true, true);
            return d.getId();
        } catch (Exception e) {
            return "org.eclipse.ui.DefaultTextEditor";
        }
    }
}
