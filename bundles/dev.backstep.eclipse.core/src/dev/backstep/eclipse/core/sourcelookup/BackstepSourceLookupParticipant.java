package dev.backstep.eclipse.core.sourcelookup;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.sourcelookup.AbstractSourceLookupParticipant;
import org.eclipse.debug.core.sourcelookup.ISourceContainer;
import org.eclipse.debug.core.sourcelookup.containers.LocalFileStorage;

import dev.backstep.eclipse.core.model.BackstepStackFrame;

/**
 * Maps the path the DWARF line table gives (often absolute, from the machine that compiled the ELF) to a
 * file: the workspace file at that location, else the file itself, else a file of the same name in the
 * source containers (the program's project, the workspace, the ELF's folder).
 */
public final class BackstepSourceLookupParticipant extends AbstractSourceLookupParticipant {

    @Override
    public String getSourceName(Object object) throws CoreException {
        return object instanceof BackstepStackFrame frame ? frame.sourcePath() : null;
    }

    @Override
    public Object[] findSourceElements(Object object) throws CoreException {
        String path = getSourceName(object);
        if (path == null) {
            return new Object[0];
        }
        Object[] found = byLocation(new File(path));
        if (found.length > 0) {
            return found;
        }
        found = super.findSourceElements(object);
        if (found.length > 0) {
            return found;
        }
        return byName(new File(path).getName());
    }

    static Object[] byLocation(File file) {
        if (!file.isAbsolute()) {
            return new Object[0];
        }
        List<Object> result = new ArrayList<>();
        for (IFile f : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(file.toURI())) {
            if (f.isAccessible()) {
                result.add(f);
            }
        }
        if (result.isEmpty() && file.isFile()) {
            result.add(new LocalFileStorage(file));
        }
        return result.toArray();
    }

    private Object[] byName(String name) throws CoreException {
        for (ISourceContainer container : getSourceContainers()) {
            Object[] found = container.findSourceElements(name);
            if (found.length > 0) {
                return found;
            }
        }
        return new Object[0];
    }
}
