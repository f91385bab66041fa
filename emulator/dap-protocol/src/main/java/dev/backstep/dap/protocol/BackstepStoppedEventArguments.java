package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.debug.StoppedEventArguments;

/**
 * The body of Backstep's {@code stopped} event: DAP's fields plus where the stop is in time, as data, so that no
 * client parses the description for them. A client that does not know the fields sees a plain stopped event.
 * Read them with {@link BackstepProtocol#configureGson} installed on the client's launcher (lsp4j otherwise drops
 * fields its own class does not declare).
 */
public class BackstepStoppedEventArguments extends StoppedEventArguments {
    /** Instructions retired at the stop: the position in the recording. */
    private Long icount;
    /** Which way the operation that stopped here ran. */
    private TimeDirection direction;
    /** Where the recorded history ends now (it grows while a record session runs live). */
    private Long recordedLength;

    public Long getIcount() {
        return icount;
    }

    public void setIcount(Long icount) {
        this.icount = icount;
    }

    public TimeDirection getDirection() {
        return direction;
    }

    public void setDirection(TimeDirection direction) {
        this.direction = direction;
    }

    public Long getRecordedLength() {
        return recordedLength;
    }

    public void setRecordedLength(Long recordedLength) {
        this.recordedLength = recordedLength;
    }

    @Override
    public String toString() {
        return super.toString() + " icount=" + icount + " direction=" + direction + " recordedLength=" + recordedLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackstepStoppedEventArguments b && super.equals(o)
                && java.util.Objects.equals(icount, b.icount) && direction == b.direction
                && java.util.Objects.equals(recordedLength, b.recordedLength);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), icount, direction, recordedLength);
    }
}
