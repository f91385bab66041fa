package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** Arguments of {@code backstep/seek}. */
public final class SeekArguments {
    /** The instruction count to go to (0 is the start of the recording). */
    @NonNull
    private Long icount;

    public SeekArguments() {
    }

    public SeekArguments(long icount) {
        this.icount = icount;
    }

    public Long getIcount() {
        return icount;
    }

    public void setIcount(Long icount) {
        this.icount = icount;
    }
}
