package dev.backstep.eclipse.core.dap;

/** Arguments of {@code backstep/saveRecording}. */
public final class SaveRecordingArguments {
    private String path;

    public SaveRecordingArguments(String path) {
        this.path = path;
    }

    public String getPath() {
        return path;
    }
}
