package dev.backstep.eclipse.ui.commands;

import dev.backstep.dap.protocol.HistoryResponse;
import dev.backstep.eclipse.core.model.BackstepDebugTarget;
import dev.backstep.eclipse.ui.views.HistoryView;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugException;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;

/** Runs a history query in a job and shows its answer in the Backstep History view. */
public final class HistoryHandlers {
    private HistoryHandlers() {
    }

    /** A query of a target, run off the UI thread. */
    public interface Query {
        HistoryResponse run(BackstepDebugTarget target) throws DebugException;
    }

    /** Runs {@code query} on {@code target} in a job; the History view shows the answer. Returns the job. */
    public static Job open(BackstepDebugTarget target, String title, Query query) {
        Job job = Job.create("Backstep: " + title, monitor -> {
            HistoryResponse r;
            try {
                r = query.run(target);
            } catch (DebugException e) {
                return new Status(IStatus.ERROR, "dev.backstep.eclipse.ui", title + ": " + e.getMessage(), e);
            }
            Display.getDefault().asyncExec(() -> {
                try {
                    HistoryView view = (HistoryView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                            .showView(HistoryView.ID);
                    view.show(target, r);
                } catch (PartInitException e) {
                    // the view cannot open: the job's answer is lost, the workbench logs why
                }
            });
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }
}
