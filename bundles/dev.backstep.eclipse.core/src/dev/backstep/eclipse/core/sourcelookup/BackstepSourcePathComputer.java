package dev.backstep.eclipse.core.sourcelookup;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.sourcelookup.ISourceContainer;
import org.eclipse.debug.core.sourcelookup.ISourcePathComputerDelegate;
import org.eclipse.debug.core.sourcelookup.containers.DirectorySourceContainer;
import org.eclipse.debug.core.sourcelookup.containers.ProjectSourceContainer;
import org.eclipse.debug.core.sourcelookup.containers.WorkspaceSourceContainer;

import dev.backstep.eclipse.core.launch.BackstepLaunchDelegate;

/** Default source path: the ELF's project, its folder on disk, then the whole workspace. */
public final class BackstepSourcePathComputer implements ISourcePathComputerDelegate {

    @Override
    public ISourceContainer[] computeSourceContainers(ILaunchConfiguration configuration, IProgressMonitor monitor)
            throws CoreException {
        List<ISourceContainer> containers = new ArrayList<>();
        Object program;
        try {
            program = BackstepLaunchDelegate.launchArguments(configuration).get("program");
        } catch (CoreException e) {
            program = null; // an incomplete configuration still gets the workspace
        }
        if (program instanceof String path) {
            File elf = new File(path);
            for (IFile f : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(elf.toURI())) {
                containers.add(new ProjectSourceContainer(f.getProject(), true));
                break;
            }
            if (elf.getParentFile() != null && elf.getParentFile().isDirectory()) {
                containers.add(new DirectorySourceContainer(elf.getParentFile(), true));
            }
        }
        containers.add(new WorkspaceSourceContainer());
        return containers.toArray(new ISourceContainer[0]);
    }
}
