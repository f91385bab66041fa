package dev.backstep.eclipse.ui.commands;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.ui.DebugUITools;

import dev.backstep.eclipse.core.model.BackstepDebugTarget;
import dev.backstep.eclipse.core.model.ReverseCapable;

/** Finds what a reverse command acts on: the Debug view's selection, else the one suspended Backstep target. */
public final class ReverseTargets {

    private ReverseTargets() {
    }

    public static ReverseCapable current() {
        IAdaptable context = DebugUITools.getDebugContext();
        if (context != null) {
            ReverseCapable rc = context.getAdapter(ReverseCapable.class);
            if (rc != null) {
                return rc;
            }
            if (context instanceof ILaunch launch && launch.getDebugTarget() instanceof BackstepDebugTarget t) {
                return t;
            }
        }
        BackstepDebugTarget only = null;
        for (IDebugTarget t : DebugPlugin.getDefault().getLaunchManager().getDebugTargets()) {
            if (t instanceof BackstepDebugTarget bt && bt.canReverse()) {
                if (only != null) {
                    return null; // ambiguous: the user must select one
                }
                only = bt;
            }
        }
        return only;
    }

    /** The Backstep debug target in the current debug context, suspended or not; null if none. */
    public static BackstepDebugTarget currentTarget() {
        IAdaptable context = DebugUITools.getDebugContext();
        if (context != null) {
            IDebugTarget t = context.getAdapter(IDebugTarget.class);
            if (t instanceof BackstepDebugTarget bt) {
                return bt;
            }
            if (context instanceof ILaunch launch && launch.getDebugTarget() instanceof BackstepDebugTarget bt) {
                return bt;
            }
        }
        BackstepDebugTarget latest = null;
        for (IDebugTarget t : DebugPlugin.getDefault().getLaunchManager().getDebugTargets()) {
            if (t instanceof BackstepDebugTarget bt && !bt.isTerminated()) {
                latest = bt;
            }
        }
        return latest;
    }
}
