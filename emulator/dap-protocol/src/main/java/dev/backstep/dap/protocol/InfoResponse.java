package dev.backstep.dap.protocol;

/** Body of the {@code backstep/info} response: where the session stands on its recording. */
public final class InfoResponse {
    /** "record" or "replay". */
    private String mode;
    /** The recording file (written while recording, read in a replay); absent while it is only in memory. */
    private String recording;
    /** The current position: instructions retired. */
    private long icount;
    /** Which way the last operation ran; absent before the first stop. */
    private TimeDirection direction;
    /** Where the recorded history ends now. */
    private long recordedLength;
    private int snapshotCount;
    private long snapshotBytes;
    /**
     * Icounts of the snapshots, ascending, at most a few hundred of them (evenly picked when the timeline keeps
     * more): enough for a client to draw them on a timeline.
     */
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

    public TimeDirection getDirection() {
        return direction;
    }

    public void setDirection(TimeDirection direction) {
        this.direction = direction;
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

    public long[] getSnapshots() {
        return snapshots;
    }

    public void setSnapshots(long[] snapshots) {
        this.snapshots = snapshots;
    }
}
