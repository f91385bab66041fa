package dev.backstep.eclipse.ui.breakpoints;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.dialogs.PropertyPage;

import dev.backstep.eclipse.core.breakpoints.BackstepWatchpoint;

/** Watchpoint Properties: which accesses stop (writes, reads) and the hit count. */
public final class WatchpointPropertyPage extends PropertyPage {

    private Button writes;
    private Button reads;
    private Spinner hitCount;

    private BackstepWatchpoint watchpoint() {
        BackstepWatchpoint w = getElement().getAdapter(BackstepWatchpoint.class);
        return w != null ? w : (BackstepWatchpoint) getElement();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        new Label(c, SWT.NONE).setText("Expression:");
        new Label(c, SWT.NONE).setText(watchpoint().expression());
        writes = new Button(c, SWT.CHECK);
        writes.setText("Stop on &writes");
        writes.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        reads = new Button(c, SWT.CHECK);
        reads.setText("Stop on &reads");
        reads.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        new Label(c, SWT.NONE).setText("&Hit count (0 = every access):");
        hitCount = new Spinner(c, SWT.BORDER);
        hitCount.setMaximum(Integer.MAX_VALUE);
        try {
            writes.setSelection(watchpoint().isModification());
            reads.setSelection(watchpoint().isAccess());
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
        hitCount.setSelection(watchpoint().hitCount());
        return c;
    }

    @Override
    public boolean performOk() {
        if (!writes.getSelection() && !reads.getSelection()) {
            setErrorMessage("A watchpoint stops on writes, reads or both.");
            return false;
        }
        try {
            watchpoint().setModification(writes.getSelection());
            watchpoint().setAccess(reads.getSelection());
            watchpoint().setHitCount(hitCount.getSelection());
            return true;
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
            return false;
        }
    }
}
