package dev.backstep.eclipse.core.dap;

/** Body of the {@code backstep/info} response: where the session stands on its recording. */
public final class TimelineInfo {
    private String mode;
    private String recording;
    private long icount;
    private long recordedLength;
    private int snapshotCount;
    private long snapshotBytes;

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
}
