package dev.backstep.eclipse.ui.breakpoints;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PropertyPage;

import dev.backstep.eclipse.core.breakpoints.BackstepLineBreakpoint;

/** Breakpoint Properties: the condition (a C expression the server evaluates) and the hit count. */
public final class LineBreakpointPropertyPage extends PropertyPage {

    private Text condition;
    private Spinner hitCount;

    private BackstepLineBreakpoint breakpoint() {
        return getElement().getAdapter(BackstepLineBreakpoint.class) != null
                ? getElement().getAdapter(BackstepLineBreakpoint.class)
                : (BackstepLineBreakpoint) getElement();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        new Label(c, SWT.NONE).setText("&Condition:");
        condition = new Text(c, SWT.BORDER);
        condition.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        condition.setText(breakpoint().condition() == null ? "" : breakpoint().condition());
        new Label(c, SWT.NONE).setText("&Hit count (0 = every hit):");
        hitCount = new Spinner(c, SWT.BORDER);
        hitCount.setMaximum(Integer.MAX_VALUE);
        hitCount.setSelection(breakpoint().hitCount());
        return c;
    }

    @Override
    public boolean performOk() {
        try {
            breakpoint().setCondition(condition.getText().trim());
            breakpoint().setHitCount(hitCount.getSelection());
            return true;
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
            return false;
        }
    }
}
