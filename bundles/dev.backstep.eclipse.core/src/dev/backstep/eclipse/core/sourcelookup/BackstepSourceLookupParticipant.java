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
 * file: the workspace file at that location; else a file in the source containers (the program's project,
 * its folder, the workspace) whose path ends with the longest tail of the DWARF path; else the file itself
 * on disk; else a file of the same name. Workspace files come before the file on disk because breakpoints
 * are markers on workspace files: a copy opened from disk would show none of them.
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
        File file = new File(path);
        Object[] found = inWorkspaceAt(file);
        if (found.length > 0) {
            return found;
        }
        found = super.findSourceElements(object);
        if (found.length > 0) {
            return found;
        }
        found = byTail(path);
        if (found.length > 0) {
            return found;
        }
        if (file.isAbsolute() && file.isFile()) {
            return new Object[] {new LocalFileStorage(file)};
        }
        return byName(file.getName());
    }

    static Object[] inWorkspaceAt(File file) {
        if (!file.isAbsolute()) {
            return new Object[0];
        }
        List<Object> result = new ArrayList<>();
        for (IFile f : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(file.toURI())) {
            if (f.isAccessible()) {
                result.add(f);
            }
        }
        return result.toArray();
    }

    /** Longest tail of the path (at least "dir/name") that a source container knows, e.g. "examples/corrupt.c". */
    private Object[] byTail(String path) throws CoreException {
        String[] parts = path.replace('\\', '/').split("/");
        for (int first = 1; first < parts.length - 1; first++) {
            String tail = String.join("/", java.util.Arrays.copyOfRange(parts, first, parts.length));
            if (tail.isEmpty()) {
                continue;
            }
            for (ISourceContainer container : getSourceContainers()) {
                Object[] found = container.findSourceElements(tail);
                if (found.length > 0) {
                    return found;
                }
            }
        }
        return new Object[0];
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
