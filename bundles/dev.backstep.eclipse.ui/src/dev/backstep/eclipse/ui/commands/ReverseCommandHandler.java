package dev.backstep.eclipse.ui.commands;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.HandlerEvent;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.contexts.DebugContextEvent;
import org.eclipse.debug.ui.contexts.IDebugContextListener;
import org.eclipse.swt.widgets.Display;

import dev.backstep.eclipse.core.model.ReverseCapable;
import dev.backstep.eclipse.ui.BackstepUi;

/**
 * Base of the reverse commands: enabled only while a Backstep target is suspended, run in a job because
 * a reverse scan over a long recording takes a while (its stop arrives as an event).
 */
public abstract class ReverseCommandHandler extends AbstractHandler implements IDebugEventSetListener, IDebugContextListener {

    protected ReverseCommandHandler() {
        DebugPlugin.getDefault().addDebugEventListener(this);
        DebugUITools.getDebugContextManager().addDebugContextListener(this);
    }

    @Override
    public void dispose() {
        DebugPlugin.getDefault().removeDebugEventListener(this);
        DebugUITools.getDebugContextManager().removeDebugContextListener(this);
        super.dispose();
    }

    @Override
    public boolean isEnabled() {
        ReverseCapable rc = ReverseTargets.current();
        return rc != null && rc.canReverse();
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        ReverseCapable rc = ReverseTargets.current();
        if (rc == null || !rc.canReverse()) {
            throw new ExecutionException("no suspended Backstep program is selected");
        }
        Object argument = argument(event);
        if (argument == CANCELLED) {
            return null;
        }
        Job job = Job.create(label(), monitor -> {
            try {
                perform(rc, argument);
                return Status.OK_STATUS;
            } catch (DebugException e) {
                return new Status(IStatus.ERROR, BackstepUi.PLUGIN_ID, label() + ": " + e.getMessage(), e);
            }
        });
        job.setSystem(true);
        job.schedule();
        return null;
    }

    /** What {@link #argument} returns when the user cancelled. */
    protected static final Object CANCELLED = new Object();

    /**
     * What the command needs from the UI (asked for in the UI thread before the job runs: a dialog, the editor's
     * cursor), {@link #CANCELLED}, or null when it needs nothing.
     */
    protected Object argument(ExecutionEvent event) throws ExecutionException {
        return null;
    }

    protected abstract String label();

    protected abstract void perform(ReverseCapable target, Object argument) throws DebugException;

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent e : events) {
            int kind = e.getKind();
            if (kind == DebugEvent.SUSPEND || kind == DebugEvent.RESUME || kind == DebugEvent.TERMINATE
                    || kind == DebugEvent.CREATE) {
                changed();
                return;
            }
        }
    }

    @Override
    public void debugContextChanged(DebugContextEvent event) {
        changed();
    }

    private void changed() {
        Display display = Display.getDefault();
        if (display == null || display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> fireHandlerChanged(new HandlerEvent(this, true, false)));
    }
}
