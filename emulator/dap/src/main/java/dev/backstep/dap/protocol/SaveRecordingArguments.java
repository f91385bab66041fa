package dev.backstep.dap.protocol;

/** Arguments of {@code backstep/saveRecording}. */
public final class SaveRecordingArguments {
    private String path;

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }
}
