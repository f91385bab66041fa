package dev.backstep.eclipse.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ResourceSelectionDialog;

import dev.backstep.eclipse.core.launch.LaunchAttributes;
import dev.backstep.eclipse.ui.BackstepUi;

/** Program, mode, recording, UART input, stop on entry, translation, and the Java that runs the server. */
public final class BackstepMainTab extends AbstractLaunchConfigurationTab {

    private Text program;
    private Combo mode;
    private Text recording;
    private Text inputFile;
    private Text inputText;
    private Button stopOnEntry;
    private Button translate;
    private Text java;
    private Image image;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        setControl(c);
        program = fileRow(c, "&Program (ELF):", true);
        new Label(c, SWT.NONE).setText("&Mode:");
        mode = new Combo(c, SWT.READ_ONLY);
        mode.setItems(LaunchAttributes.MODE_RECORD, LaunchAttributes.MODE_REPLAY);
        mode.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        mode.addListener(SWT.Selection, e -> changed());
        recording = fileRow(c, "&Recording file:", false);
        inputFile = fileRow(c, "UART &input file:", false);
        new Label(c, SWT.NONE).setText("UART input &text:");
        inputText = new Text(c, SWT.BORDER);
        inputText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        inputText.addListener(SWT.Modify, e -> changed());
        stopOnEntry = new Button(c, SWT.CHECK);
        stopOnEntry.setText("&Stop on entry");
        stopOnEntry.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        stopOnEntry.addListener(SWT.Selection, e -> changed());
        translate = new Button(c, SWT.CHECK);
        translate.setText("&Translate hot code to JVM bytecode (faster; off: interpret everything, to compare)");
        translate.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        translate.addListener(SWT.Selection, e -> changed());
        java = fileRow(c, "&Java (≥ 17) for the server, blank for this one:", false);
    }

    private Text fileRow(Composite c, String label, boolean workspaceToo) {
        new Label(c, SWT.NONE).setText(label);
        Text text = new Text(c, SWT.BORDER);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        text.addListener(SWT.Modify, e -> changed());
        Composite buttons = new Composite(c, SWT.NONE);
        buttons.setLayout(new GridLayout(workspaceToo ? 2 : 1, true));
        if (workspaceToo) {
            Button ws = new Button(buttons, SWT.PUSH);
            ws.setText("Workspace...");
            ws.addListener(SWT.Selection, e -> {
                ResourceSelectionDialog d = new ResourceSelectionDialog(getShell(), ResourcesPlugin.getWorkspace().getRoot(),
                        "Choose the ELF to debug");
                if (d.open() == Window.OK && d.getResult().length > 0 && d.getResult()[0] instanceof IFile f) {
                    text.setText("${workspace_loc:" + f.getFullPath().toString() + "}");
                }
            });
        }
        Button fs = new Button(buttons, SWT.PUSH);
        fs.setText("File System...");
        fs.addListener(SWT.Selection, e -> {
            String chosen = new FileDialog(getShell(), SWT.OPEN).open();
            if (chosen != null) {
                text.setText(chosen);
            }
        });
        return text;
    }

    private void changed() {
        setDirty(true);
        updateLaunchConfigurationDialog();
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(LaunchAttributes.MODE, LaunchAttributes.MODE_RECORD);
        config.setAttribute(LaunchAttributes.STOP_ON_ENTRY, false);
        config.setAttribute(LaunchAttributes.TRANSLATE, true);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        try {
            program.setText(config.getAttribute(LaunchAttributes.PROGRAM, ""));
            mode.setText(config.getAttribute(LaunchAttributes.MODE, LaunchAttributes.MODE_RECORD));
            recording.setText(config.getAttribute(LaunchAttributes.RECORDING, ""));
            inputFile.setText(config.getAttribute(LaunchAttributes.INPUT_FILE, ""));
            inputText.setText(config.getAttribute(LaunchAttributes.INPUT_TEXT, ""));
            stopOnEntry.setSelection(config.getAttribute(LaunchAttributes.STOP_ON_ENTRY, false));
            translate.setSelection(config.getAttribute(LaunchAttributes.TRANSLATE, true));
            java.setText(config.getAttribute(LaunchAttributes.JAVA, ""));
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(LaunchAttributes.PROGRAM, program.getText().trim());
        config.setAttribute(LaunchAttributes.MODE, mode.getText());
        config.setAttribute(LaunchAttributes.RECORDING, recording.getText().trim());
        config.setAttribute(LaunchAttributes.INPUT_FILE, inputFile.getText().trim());
        config.setAttribute(LaunchAttributes.INPUT_TEXT, inputText.getText());
        config.setAttribute(LaunchAttributes.STOP_ON_ENTRY, stopOnEntry.getSelection());
        config.setAttribute(LaunchAttributes.TRANSLATE, translate.getSelection());
        config.setAttribute(LaunchAttributes.JAVA, java.getText().trim());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        setErrorMessage(null);
        boolean replay = LaunchAttributes.MODE_REPLAY.equals(mode.getText());
        if (!replay && program.getText().isBlank()) {
            setErrorMessage("Choose the ELF program to run.");
            return false;
        }
        if (replay && recording.getText().isBlank()) {
            setErrorMessage("Replay mode needs the recording file to open.");
            return false;
        }
        if (replay && !(inputFile.getText().isBlank() && inputText.getText().isEmpty())) {
            setErrorMessage("A replay uses the recorded input: clear the UART input fields.");
            return false;
        }
        if (!inputFile.getText().isBlank() && !inputText.getText().isEmpty()) {
            setErrorMessage("Give the UART input as a file or as text, not both.");
            return false;
        }
        return true;
    }

    @Override
    public String getName() {
        return "Main";
    }

    @Override
    public Image getImage() {
        if (image == null) {
            image = BackstepUi.image("backstep.png").createImage();
        }
        return image;
    }

    @Override
    public void dispose() {
        if (image != null) {
            image.dispose();
        }
        super.dispose();
    }
}
