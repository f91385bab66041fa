package dev.backstep.machine;

/** The whole machine state at one icount; RAM pages are shared copy-on-write with the live machine. */
public final class MachineSnapshot {
    final long icount;
    final long[] state;
    final byte[][] pages;
    final long ownBytes;

    MachineSnapshot(long icount, long[] state, byte[][] pages, long ownBytes) {
        this.icount = icount;
        this.state = state;
        this.pages = pages;
        this.ownBytes = ownBytes;
    }

    public long icount() {
        return icount;
    }

    /** Bytes of RAM pages this snapshot alone keeps alive (pages written since the previous snapshot). */
    public long ownBytes() {
        return ownBytes;
    }
}
