package dev.backstep.eclipse.ui.views;

import java.util.List;

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
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.part.ViewPart;

import dev.backstep.dap.protocol.InfoResponse;
import dev.backstep.eclipse.core.model.BackstepDebugTarget;
import dev.backstep.eclipse.core.model.StopInfo;
import dev.backstep.eclipse.ui.BackstepUi;
import dev.backstep.eclipse.ui.commands.ReverseTargets;

/**
 * The recording as a line from icount 0 to its recorded end: recent stops as ticks, snapshots as small marks
 * under the line, the current position as a marker. A click seeks there.
 */
public final class TimelineView extends ViewPart implements IDebugEventSetListener, IDebugContextListener {

    private Canvas canvas;
    private volatile BackstepDebugTarget target;
    private volatile TimelineModel model;
    private volatile String status = "No Backstep session.";

    @Override
    public void createPartControl(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
        canvas.addListener(SWT.MouseUp, e -> seekTo(e.x));
        canvas.setToolTipText("Click to seek to that instruction count");
        DebugPlugin.getDefault().addDebugEventListener(this);
        DebugUITools.getDebugContextManager().getContextService(getSite().getWorkbenchWindow()).addDebugContextListener(this);
        refresh();
    }

    @Override
    public void dispose() {
        DebugPlugin.getDefault().removeDebugEventListener(this);
        DebugUITools.getDebugContextManager().getContextService(getSite().getWorkbenchWindow()).removeDebugContextListener(this);
        super.dispose();
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    public TimelineModel model() {
        return model;
    }

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent e : events) {
            if (e.getKind() == DebugEvent.SUSPEND || e.getKind() == DebugEvent.TERMINATE) {
                refresh();
                return;
            }
        }
    }

    @Override
    public void debugContextChanged(DebugContextEvent event) {
        refresh();
    }

    /** Asks the server where the session is (off the UI thread), then redraws. */
    public void refresh() {
        Job job = Job.create("Backstep timeline", monitor -> {
            BackstepDebugTarget t = ReverseTargets.currentTarget();
            target = t;
            if (t == null || t.isTerminated()) {
                model = null;
                status = "No Backstep session.";
            } else {
                InfoResponse info = t.isSuspended() ? t.timelineInfo() : null;
                StopInfo stop = t.lastStop();
                List<Long> stops = t.recentStops();
                if (info != null) {
                    long[] snaps = info.getSnapshots() == null ? new long[0] : info.getSnapshots();
                    model = new TimelineModel(Math.max(info.getRecordedLength(), info.getIcount()), info.getIcount(),
                            info.getSnapshotCount(), stops, java.util.Arrays.stream(snaps).boxed().toList());
                    status = info.getMode() + (info.getRecording() == null ? "" : " " + info.getRecording())
                            + " — icount " + info.getIcount() + " of " + info.getRecordedLength() + " recorded, "
                            + info.getSnapshotCount() + " snapshots (" + (info.getSnapshotBytes() >> 10) + " KiB)";
                } else if (stop != null && stop.icount() >= 0) {
                    long max = stops.stream().mapToLong(Long::longValue).max().orElse(stop.icount());
                    model = new TimelineModel(max, stop.icount(), 0, stops);
                    status = t.isSuspended() ? "icount " + stop.icount() : "running…";
                } else {
                    status = t.isSuspended() ? "suspended" : "running…";
                }
            }
            Display display = canvas == null || canvas.isDisposed() ? null : canvas.getDisplay();
            if (display != null) {
                display.asyncExec(() -> {
                    if (!canvas.isDisposed()) {
                        canvas.redraw();
                    }
                });
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void seekTo(int x) {
        BackstepDebugTarget t = target;
        TimelineModel m = model;
        if (t == null || m == null || !t.canReverse()) {
            return;
        }
        long icount = m.icountAt(x, canvas.getClientArea().width);
        Job job = Job.create("Seek to icount " + icount, monitor -> {
            try {
                t.seek(icount);
                return Status.OK_STATUS;
            } catch (DebugException e) {
                return new Status(IStatus.ERROR, BackstepUi.PLUGIN_ID, "Seek to icount " + icount + ": " + e.getMessage(), e);
            }
        });
        job.schedule();
    }

    private void paint(GC gc, Rectangle area) {
        Display d = canvas.getDisplay();
        gc.setBackground(d.getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        gc.setForeground(d.getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        gc.drawText(status, TimelineModel.MARGIN, 4, true);
        TimelineModel m = model;
        if (m == null) {
            return;
        }
        int axisY = Math.max(40, area.height / 2);
        int left = m.x(0, area.width);
        int right = m.x(m.length(), area.width);
        gc.setLineWidth(2);
        gc.drawLine(left, axisY, right, axisY);
        gc.setLineWidth(1);
        gc.drawText("0", left, axisY + 8, true);
        String end = Long.toString(m.length());
        Point endSize = gc.textExtent(end);
        gc.drawText(end, right - endSize.x, axisY + 8, true);
        // snapshots: small marks under the axis; going back to just after one is cheap
        gc.setBackground(d.getSystemColor(SWT.COLOR_DARK_CYAN));
        for (int x : m.snapshotXs(area.width)) {
            gc.fillRectangle(x - 1, axisY + 3, 3, 3);
        }
        if (!m.snapshotPositions().isEmpty()) {
            gc.setForeground(d.getSystemColor(SWT.COLOR_DARK_CYAN));
            gc.drawText("▪ snapshots", TimelineModel.MARGIN, area.height - gc.getFontMetrics().getHeight() - 4, true);
        }
        gc.setForeground(d.getSystemColor(SWT.COLOR_DARK_GRAY));
        for (long stop : m.stops()) {
            int x = m.x(stop, area.width);
            gc.drawLine(x, axisY - 6, x, axisY + 6);
        }
        Color accent = new Color(d, 181, 71, 30);
        try {
            int x = m.x(m.current(), area.width);
            gc.setBackground(accent);
            gc.setForeground(accent);
            gc.fillRectangle(x - 2, axisY - 14, 4, 28);
            String here = "icount " + m.current();
            Point size = gc.textExtent(here);
            int tx = Math.min(Math.max(TimelineModel.MARGIN, x - size.x / 2), area.width - size.x - TimelineModel.MARGIN);
            gc.drawText(here, tx, axisY - 16 - size.y, true);
        } finally {
            accent.dispose();
        }
    }
}
