package dev.backstep.eclipse.core.dap;

/** Arguments of {@code backstep/seek}: the absolute instruction count to go to. */
public final class SeekArguments {
    private Long icount;

    public SeekArguments(long icount) {
        this.icount = icount;
    }

    public Long getIcount() {
        return icount;
    }
}
