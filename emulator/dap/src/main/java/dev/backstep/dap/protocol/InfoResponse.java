package dev.backstep.dap.protocol;

/** Body of the {@code backstep/info} response. */
public final class InfoResponse {
    private String mode;
    private String recording;
    private long icount;
    private long recordedLength;
    private int snapshotCount;
    private long snapshotBytes;
    private long[] snapshots;

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getRecording() {
        return recording;
    }

    public void setRecording(String recording) {
        this.recording = recording;
    }

    public long getIcount() {
        return icount;
    }

    public void setIcount(long icount) {
        this.icount = icount;
    }

    public long getRecordedLength() {
        return recordedLength;
    }

    public void setRecordedLength(long recordedLength) {
        this.recordedLength = recordedLength;
    }

    public int getSnapshotCount() {
        return snapshotCount;
    }

    public void setSnapshotCount(int snapshotCount) {
        this.snapshotCount = snapshotCount;
    }

    public long getSnapshotBytes() {
        return snapshotBytes;
    }

    public void setSnapshotBytes(long snapshotBytes) {
        this.snapshotBytes = snapshotBytes;
    }

    /**
     * Icounts of the snapshots, ascending, at most {@code MAX_SNAPSHOT_POSITIONS} of them (evenly picked when the
     * timeline keeps more): enough for a client to draw them on a timeline.
     */
    public long[] getSnapshots() {
        return snapshots;
    }

    public void setSnapshots(long[] snapshots) {
        this.snapshots = snapshots;
    }
}
