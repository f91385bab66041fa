package dev.backstep.eclipse.ui.views;

import dev.backstep.dap.protocol.HistoryEntry;
import dev.backstep.dap.protocol.HistoryResponse;
import dev.backstep.eclipse.core.model.BackstepDebugTarget;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugException;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.part.ViewPart;

/**
 * Backstep History: the entries of the last value history (every write of a variable) or line history (every
 * execution of a line) as a list, and their values plotted over icount. Selecting an entry, or clicking its point,
 * goes there (a click or Enter): for a write, the state just after it; "Go to Just Before the Write" (context menu) the state on the
 * writing instruction.
 */
public final class HistoryView extends ViewPart {
    public static final String ID = "dev.backstep.eclipse.ui.historyView";

    private Label header;
    private Table table;
    private HistoryPlot plot;
    private BackstepDebugTarget target;
    private final List<HistoryEntry> entries = new ArrayList<>();
    private String kind = "values";

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        header = new Label(parent, SWT.WRAP);
        header.setText("Show Value History (Variables view) or Show Line History (editor) lists them here.");
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table = new Table(sash, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        table.setHeaderVisible(true);
        for (String[] c : new String[][] {{"#", "40"}, {"icount", "100"}, {"where", "220"}, {"value", "180"}}) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        // only a click or Enter goes there: a selection the table makes itself (focus, refill) must not move the program
        table.addListener(SWT.DefaultSelection, e -> goToSelected(false));
        table.addListener(SWT.MouseUp, e -> {
            if (e.button == 1 && table.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y)) != null) {
                goToSelected(false);
            }
        });
        MenuManager menu = new MenuManager();
        menu.add(new Action("Go to Just Before the Write") {
            @Override
            public void run() {
                goToSelected(true);
            }
        });
        table.setMenu(menu.createContextMenu(table));
        plot = new HistoryPlot(sash, this::goTo);
        sash.setWeights(new int[] {55, 45});
    }

    /** Shows a history of a target (the UI thread). */
    public void show(BackstepDebugTarget t, HistoryResponse r) {
        this.target = t;
        this.kind = r.getKind();
        entries.clear();
        entries.addAll(List.of(r.getEntries()));
        header.setText((kind.equals("values") ? "Value history of " : "Line history of ") + r.getSubject()
                + (r.getType() == null ? "" : ", " + r.getType()) + ": " + entries.size()
                + (r.getNext() != null ? "+" : "") + (kind.equals("values") ? " writes" : " hits")
                + (kind.equals("values") && r.getInitial() != null ? " (initially " + r.getInitial() + ")" : "")
                + (kind.equals("values") ? ". Click one: the state just after the write (its menu: just before)." : ". Click one to go there."));
        header.getParent().layout(true, true);
        table.removeAll();
        int n = 0;
        for (HistoryEntry e : entries) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {Integer.toString(++n), Long.toString(e.getIcount()), where(e),
                    kind.equals("values") ? e.getOldValue() + " \u2192 " + e.getValue()
                            + (Boolean.FALSE.equals(e.getChanged()) ? " (same value)" : "")
                            : e.getValue() == null ? "" : e.getValue()});
        }
        plot.show(entries, kind.equals("values"));
    }

    static String where(HistoryEntry e) {
        String path = e.getPath();
        String file = path == null ? null : path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return (e.getFunction() == null ? "??" : e.getFunction()) + (file == null ? "" : " (" + file + ":" + e.getLine() + ")");
    }

    /** The list, for tests. */
    public Table table() {
        return table;
    }

    /** The plot, for tests. */
    public HistoryPlot plot() {
        return plot;
    }

    public List<HistoryEntry> entries() {
        return List.copyOf(entries);
    }

    private void goToSelected(boolean before) {
        int i = table.getSelectionIndex();
        if (i >= 0 && i < entries.size()) {
            HistoryEntry e = entries.get(i);
            goTo(before ? e.getBefore() : e.getIcount());
        }
    }

    /** Seeks the target there, off the UI thread. */
    public void goTo(long icount) {
        BackstepDebugTarget t = target;
        if (t == null || t.isTerminated()) {
            return;
        }
        Job job = Job.create("Backstep: go to icount " + icount, monitor -> {
            try {
                t.seek(icount);
                return Status.OK_STATUS;
            } catch (DebugException e) {
                return new Status(IStatus.ERROR, "dev.backstep.eclipse.ui", "cannot go to icount " + icount + ": "
                        + e.getMessage(), e);
            }
        });
        job.schedule();
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }
}
