package dev.backstep.eclipse.ui.breakpoints;

import java.io.File;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.ui.actions.IToggleBreakpointsTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.texteditor.ITextEditor;

import dev.backstep.eclipse.core.breakpoints.LineBreakpoints;

/** Adds or removes a Backstep line breakpoint on the selected line of a text editor, workspace file or not. */
public final class ToggleLineBreakpointTarget implements IToggleBreakpointsTarget {

    @Override
    public boolean canToggleLineBreakpoints(IWorkbenchPart part, ISelection selection) {
        return part instanceof ITextEditor editor && selection instanceof ITextSelection
                && location(editor.getEditorInput()) != null;
    }

    @Override
    public void toggleLineBreakpoints(IWorkbenchPart part, ISelection selection) throws CoreException {
        if (!(part instanceof ITextEditor editor) || !(selection instanceof ITextSelection text)) {
            return;
        }
        IEditorInput input = editor.getEditorInput();
        String path = location(input);
        if (path == null) {
            return;
        }
        int line = text.getStartLine() + 1;
        LineBreakpoints.toggle(input.getAdapter(IFile.class), path, line);
    }

    private static String location(IEditorInput input) {
        IFile file = input.getAdapter(IFile.class);
        if (file != null && file.getLocation() != null) {
            return file.getLocation().toOSString();
        }
        if (input instanceof IURIEditorInput uri && "file".equals(uri.getURI().getScheme())) {
            return new File(uri.getURI()).getAbsolutePath();
        }
        return null;
    }

    @Override
    public boolean canToggleMethodBreakpoints(IWorkbenchPart part, ISelection selection) {
        return false;
    }

    @Override
    public void toggleMethodBreakpoints(IWorkbenchPart part, ISelection selection) {
    }

    @Override
    public boolean canToggleWatchpoints(IWorkbenchPart part, ISelection selection) {
        return false;
    }

    @Override
    public void toggleWatchpoints(IWorkbenchPart part, ISelection selection) {
    }
}
