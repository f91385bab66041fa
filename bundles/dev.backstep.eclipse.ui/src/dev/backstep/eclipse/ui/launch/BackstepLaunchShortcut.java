package dev.backstep.eclipse.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;

import dev.backstep.eclipse.core.BackstepIds;
import dev.backstep.eclipse.core.launch.LaunchAttributes;

/** Run As / Debug As › Backstep RISC-V Program on an .elf file: reuses its configuration or makes one. */
public final class BackstepLaunchShortcut implements ILaunchShortcut {

    @Override
    public void launch(ISelection selection, String mode) {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof IAdaptable a) {
            IFile file = a.getAdapter(IFile.class);
            if (file != null) {
                launch(file, mode);
            }
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        IFile file = editor.getEditorInput().getAdapter(IFile.class);
        if (file != null) {
            launch(file, mode);
        }
    }

    private void launch(IFile elf, String mode) {
        try {
            DebugUITools.launch(configurationFor(elf), mode);
        } catch (CoreException e) {
            ErrorDialog.openError(null, "Backstep", "Cannot launch " + elf.getName(), e.getStatus());
        }
    }

    public static ILaunchConfiguration configurationFor(IFile elf) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(BackstepIds.LAUNCH_TYPE_ID);
        String program = "${workspace_loc:" + elf.getFullPath().toString() + "}";
        for (ILaunchConfiguration c : manager.getLaunchConfigurations(type)) {
            if (program.equals(c.getAttribute(LaunchAttributes.PROGRAM, ""))) {
                return c;
            }
        }
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null,
                manager.generateLaunchConfigurationName(elf.getName()));
        wc.setAttribute(LaunchAttributes.PROGRAM, program);
        wc.setAttribute(LaunchAttributes.MODE, LaunchAttributes.MODE_RECORD);
        wc.setAttribute(LaunchAttributes.STOP_ON_ENTRY, false);
        wc.setMappedResources(new org.eclipse.core.resources.IResource[] { elf });
        return wc.doSave();
    }
}
