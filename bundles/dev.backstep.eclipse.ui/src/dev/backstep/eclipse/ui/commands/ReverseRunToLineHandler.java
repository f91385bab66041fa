package dev.backstep.eclipse.ui.commands;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.DebugException;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.texteditor.ITextEditor;

import dev.backstep.eclipse.core.model.ReverseCapable;

/**
 * Run to Line, backward in time: to the last time the line under the editor's cursor ran (breakpoints on the way
 * stop first), as the platform's Run to Line goes forward.
 */
public final class ReverseRunToLineHandler extends ReverseCommandHandler {

    /** A file on disk and a 1-based line. */
    record Cursor(String path, int line) {
    }

    @Override
    protected String label() {
        return "Reverse Run to Line";
    }

    @Override
    protected Object argument(ExecutionEvent event) throws ExecutionException {
        IEditorPart editor = HandlerUtil.getActiveEditor(event);
        Cursor at = editor instanceof ITextEditor text ? cursor(text) : null;
        if (at == null) {
            throw new ExecutionException("Reverse Run to Line needs the cursor in the editor of a source file");
        }
        return at;
    }

    static Cursor cursor(ITextEditor editor) {
        ISelection selection = editor.getSelectionProvider() == null ? null : editor.getSelectionProvider().getSelection();
        if (!(selection instanceof ITextSelection text) || text.getStartLine() < 0) {
            return null;
        }
        String path = pathOf(editor.getEditorInput());
        return path == null ? null : new Cursor(path, text.getStartLine() + 1);
    }

    private static String pathOf(IEditorInput input) {
        IFile file = input.getAdapter(IFile.class);
        if (file != null) {
            IPath location = file.getLocation();
            return location == null ? null : location.toOSString();
        }
        if (input instanceof IURIEditorInput uri && "file".equals(uri.getURI().getScheme())) {
            return new java.io.File(uri.getURI()).getPath();
        }
        return null;
    }

    @Override
    protected void perform(ReverseCapable target, Object argument) throws DebugException {
        Cursor at = (Cursor) argument;
        target.runToLine(at.path(), at.line(), true);
    }
}
