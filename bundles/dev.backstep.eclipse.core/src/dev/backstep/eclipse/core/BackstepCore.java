package dev.backstep.eclipse.core;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Plugin;
import org.eclipse.core.runtime.Status;
import org.osgi.framework.BundleContext;

/** The core bundle's activator: its id, and a log for errors that have no one to report to. */
public final class BackstepCore extends Plugin {

    public static final String PLUGIN_ID = "dev.backstep.eclipse.core";

    private static BackstepCore instance;

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        instance = this;
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        instance = null;
        super.stop(context);
    }

    public static BackstepCore getDefault() {
        return instance;
    }

    public static IStatus error(String message, Throwable cause) {
        return new Status(IStatus.ERROR, PLUGIN_ID, message, cause);
    }

    public static void log(String message, Throwable cause) {
        ILog.of(BackstepCore.class).log(error(message, cause));
    }
}
