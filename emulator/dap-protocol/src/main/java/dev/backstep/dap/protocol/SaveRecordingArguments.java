package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** Arguments of {@code backstep/saveRecording}. */
public final class SaveRecordingArguments {
    /** The file to write (absolute; its folder must exist). */
    @NonNull
    private String path;

    public SaveRecordingArguments() {
    }

    public SaveRecordingArguments(String path) {
        this.path = path;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }
}
