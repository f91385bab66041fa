package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** Arguments of {@code backstep/saveRecording}. */
public final class SaveRecordingArguments {
    /**
     * The file to write; its folder must exist. A relative path is resolved against the launch's {@code cwd}, else
     * the folder of its {@code program}.
     */
    @NonNull
    private String path;

    /** Replace the file when it exists (a regular file only; default false: an existing file is refused). */
    private Boolean overwrite;

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

    public Boolean getOverwrite() {
        return overwrite;
    }

    public void setOverwrite(Boolean overwrite) {
        this.overwrite = overwrite;
    }
}
