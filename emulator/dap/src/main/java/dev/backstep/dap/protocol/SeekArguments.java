package dev.backstep.dap.protocol;

/** Arguments of {@code backstep/seek}. */
public final class SeekArguments {
    private Long icount;

    public Long getIcount() {
        return icount;
    }

    public void setIcount(Long icount) {
        this.icount = icount;
    }
}
