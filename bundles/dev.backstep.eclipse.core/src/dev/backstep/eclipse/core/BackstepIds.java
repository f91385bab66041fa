package dev.backstep.eclipse.core;

/** Identifiers shared by the core and UI bundles and declared in plugin.xml. */
public final class BackstepIds {
    public static final String MODEL_ID = "dev.backstep.eclipse.debugModel";
    public static final String LAUNCH_TYPE_ID = "dev.backstep.eclipse.launchType";
    public static final String LINE_BREAKPOINT_MARKER = "dev.backstep.eclipse.core.lineBreakpointMarker";
    public static final String WATCHPOINT_MARKER = "dev.backstep.eclipse.core.watchpointMarker";
    public static final String SOURCE_LOCATOR_ID = "dev.backstep.eclipse.sourceLocator";
    public static final String SOURCE_PATH_COMPUTER_ID = "dev.backstep.eclipse.sourcePathComputer";
    public static final String PROCESS_TYPE = "dev.backstep.eclipse.server";

    private BackstepIds() {
    }
}
