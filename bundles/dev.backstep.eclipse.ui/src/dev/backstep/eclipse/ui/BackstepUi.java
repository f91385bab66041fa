package dev.backstep.eclipse.ui;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ResourceLocator;

/** Ids and images of the UI bundle. */
public final class BackstepUi {
    public static final String PLUGIN_ID = "dev.backstep.eclipse.ui";
    public static final String TIMELINE_VIEW_ID = "dev.backstep.eclipse.ui.timelineView";
    public static final String STEP_BACK_COMMAND = "dev.backstep.eclipse.ui.stepBack";
    public static final String REVERSE_STEP_INTO_COMMAND = "dev.backstep.eclipse.ui.reverseStepInto";
    public static final String REVERSE_STEP_RETURN_COMMAND = "dev.backstep.eclipse.ui.reverseStepReturn";
    public static final String REVERSE_RESUME_COMMAND = "dev.backstep.eclipse.ui.reverseResume";
    public static final String SEEK_COMMAND = "dev.backstep.eclipse.ui.seek";
    public static final String REVERSE_RUN_TO_LINE_COMMAND = "dev.backstep.eclipse.ui.reverseRunToLine";

    private BackstepUi() {
    }

    public static ImageDescriptor image(String name) {
        return ResourceLocator.imageDescriptorFromBundle(PLUGIN_ID, "icons/" + name).orElse(null);
    }
}
