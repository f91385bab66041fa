package dev.backstep.eclipse.core.dap;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.Path;
import org.eclipse.core.runtime.Platform;

import dev.backstep.eclipse.core.BackstepCore;

/** Builds the command line that starts the DAP server: a Java ≥ 17 running {@code backstep.jar dap}. */
public final class ServerCommand {

    /** System property naming a server jar to use instead of the bundled one (tests, development). */
    public static final String SERVER_JAR_PROPERTY = "backstep.server.jar";

    private ServerCommand() {
    }

    /**
     * @param javaExecutable the java binary, or blank for the one running Eclipse
     * @param serverJar      a server jar, or blank for the system property or else the bundled one
     */
    public static List<String> of(String javaExecutable, String serverJar) throws CoreException {
        return List.of(java(javaExecutable), "-jar", serverJar(serverJar).getAbsolutePath(), "dap");
    }

    public static String java(String configured) throws CoreException {
        if (configured != null && !configured.isBlank()) {
            File f = new File(configured);
            if (f.isDirectory()) {
                f = new File(f, "bin/java");
            }
            if (!f.canExecute()) {
                throw new CoreException(BackstepCore.error("the Java executable " + f + " does not exist or cannot run", null));
            }
            return f.getAbsolutePath();
        }
        return new File(System.getProperty("java.home"), "bin/java").getAbsolutePath();
    }

    public static File serverJar(String configured) throws CoreException {
        String path = configured != null && !configured.isBlank() ? configured : System.getProperty(SERVER_JAR_PROPERTY);
        if (path != null && !path.isBlank()) {
            File f = new File(path);
            if (!f.isFile()) {
                throw new CoreException(BackstepCore.error("the Backstep server jar " + f + " does not exist", null));
            }
            return f;
        }
        return bundledJar();
    }

    public static File bundledJar() throws CoreException {
        URL entry = FileLocator.find(Platform.getBundle(BackstepCore.PLUGIN_ID), new Path("server/backstep.jar"));
        if (entry == null) {
            throw new CoreException(BackstepCore.error("this build of the Backstep plug-in carries no server jar "
                    + "(server/backstep.jar); set -D" + SERVER_JAR_PROPERTY + "=<path> or the launch's server jar", null));
        }
        try {
            return new File(FileLocator.toFileURL(entry).getPath());
        } catch (IOException e) {
            throw new CoreException(BackstepCore.error("cannot extract the bundled server jar", e));
        }
    }
}
