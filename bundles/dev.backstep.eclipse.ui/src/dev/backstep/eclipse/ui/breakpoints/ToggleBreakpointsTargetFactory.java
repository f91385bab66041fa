package dev.backstep.eclipse.ui.breakpoints;

import java.util.Set;

import org.eclipse.debug.ui.actions.IToggleBreakpointsTargetFactory;
import org.eclipse.debug.ui.actions.IToggleBreakpointsTarget;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * Offers Backstep line breakpoints in every text editor, and makes them the default for C and assembly
 * sources, so that another debugger's breakpoints stay the default for its own languages.
 */
public final class ToggleBreakpointsTargetFactory implements IToggleBreakpointsTargetFactory {

    public static final String TARGET_ID = "dev.backstep.eclipse.ui.toggleLineBreakpoint";
    private static final Set<String> DEFAULT_FOR = Set.of("c", "h", "s", "S", "cc", "cpp", "cxx", "hpp", "hh", "inc", "asm");

    @Override
    public Set<String> getToggleTargets(IWorkbenchPart part, ISelection selection) {
        return part instanceof ITextEditor ? Set.of(TARGET_ID) : Set.of();
    }

    @Override
    public String getDefaultToggleTarget(IWorkbenchPart part, ISelection selection) {
        if (part instanceof ITextEditor editor) {
            String name = editor.getEditorInput().getName();
            int dot = name.lastIndexOf('.');
            if (dot >= 0 && DEFAULT_FOR.contains(name.substring(dot + 1))) {
                return TARGET_ID;
            }
        }
        return null;
    }

    @Override
    public IToggleBreakpointsTarget createToggleTarget(String targetID) {
        return TARGET_ID.equals(targetID) ? new ToggleLineBreakpointTarget() : null;
    }

    @Override
    public String getToggleTargetName(String targetID) {
        return "Backstep Line Breakpoints";
    }

    @Override
    public String getToggleTargetDescription(String targetID) {
        return "Line breakpoints for programs debugged with Backstep";
    }
}
