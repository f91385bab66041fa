package dev.backstep.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Path;

import dev.backstep.eclipse.core.dap.ServerCommand;

/** The example programs of the repository, seen from the tests, and whether the server can debug them. */
final class Examples {

    static {
        // -Dbackstep.server.jar=... on the Maven command line reaches the tests under this name (blank when unset)
        String override = System.getProperty("backstep.test.serverJar", "");
        if (new File(override).isFile()) {
            System.setProperty(ServerCommand.SERVER_JAR_PROPERTY, override);
        }
    }

    private Examples() {
    }

    static File root() {
        String root = System.getProperty("backstep.root", "../..");
        try {
            return new File(root).getCanonicalFile();
        } catch (IOException e) {
            return new File(root).getAbsoluteFile();
        }
    }

    static File dir() {
        return new File(root(), "emulator/examples");
    }

    /**
     * Fails the calling test unless the bundled server jar serves DAP: the build packages it into the core
     * bundle, so a missing or broken jar is a broken build, not a reason to skip. 
     */
    static void requireDapServer() {
        File jar;
        try {
            jar = ServerCommand.serverJar("");
        } catch (CoreException e) {
            throw new AssertionError("no Backstep server jar: " + e.getMessage(), e);
        }
        String output;
        int exit;
        try {
            Process p = new ProcessBuilder(ServerCommand.java(""), "-jar", jar.getAbsolutePath(), "dap", "--help")
                    .redirectErrorStream(true).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            exit = p.exitValue();
            output = out.toString(StandardCharsets.UTF_8);
        } catch (IOException | CoreException | InterruptedException e) {
            throw new AssertionError("cannot run the Backstep server jar " + jar + ": " + e, e);
        }
        assertTrue(exit == 0 && output.contains("backstep dap"),
                "the Backstep server jar " + jar + " has no working 'dap' command (java -jar backstep.jar dap --help): "
                        + output);
    }

    /** A project whose folder 'examples' links to emulator/examples, so sources are workspace files. */
    static IProject project() throws CoreException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("backstep-examples");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        IFolder folder = project.getFolder("examples");
        if (!folder.exists()) {
            folder.createLink(new Path(dir().getAbsolutePath()), IResource.NONE, null);
        }
        return project;
    }

    static IFile file(String name) throws CoreException {
        return project().getFolder("examples").getFile(name);
    }
}
