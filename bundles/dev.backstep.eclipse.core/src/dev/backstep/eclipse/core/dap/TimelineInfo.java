package dev.backstep.eclipse.core.dap;

/** Body of the {@code backstep/info} response: where the session stands on its recording. */
public final class TimelineInfo {
    private String mode;
    private String recording;
    private long icount;
    private long recordedLength;
    private int snapshotCount;
    private long snapshotBytes;
    /** Icounts of the snapshots (at most a few hundred, evenly picked by the server); null from older servers. */
    private long[] snapshots;

    public String getMode() {
        return mode;
    }

    public String getRecording() {
        return recording;
    }

    public long getIcount() {
        return icount;
    }

    public long getRecordedLength() {
        return recordedLength;
    }

    public int getSnapshotCount() {
        return snapshotCount;
    }

    public long getSnapshotBytes() {
        return snapshotBytes;
    }

    public long[] getSnapshots() {
        return snapshots;
    }
}
