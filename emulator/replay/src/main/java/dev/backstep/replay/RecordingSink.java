package dev.backstep.replay;

import dev.backstep.machine.Machine;
import dev.backstep.replay.format.EventKind;
import dev.backstep.replay.format.RecordingEnd;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingWriter;
import dev.backstep.replay.format.StateEdit;
import dev.backstep.replay.log.DigestLog;
import dev.backstep.replay.log.InputEvents;

import java.io.IOException;
import java.util.List;

/**
 * Where a record session writes its recording as history grows — state digests, the debugger's state edits, the
 * END (input events go through {@link TimelineInput}) — and where both modes meet the recorded state digests.
 * A replay writes nothing: it has no writer.
 */
final class RecordingSink {
    private final RecordingWriter writer;
    private final DigestLog digests;
    private final long digestInterval;
    /** The END chunk's reason when the session closes before the program ended ({@link #setOpenEndReason}). */
    private String openEndReason = "DETACHED";
    private TimelineIndex index;

    /** @param writer null in replay mode */
    RecordingSink(RecordingWriter writer, DigestLog digests, long digestInterval) {
        this.writer = writer;
        this.digests = digests;
        this.digestInterval = digestInterval;
    }

    void setIndex(TimelineIndex index) {
        this.index = index;
    }

    boolean records() {
        return writer != null;
    }

    DigestLog digests() {
        return digests;
    }

    boolean isDigestPoint(long icount) {
        return icount % digestInterval == 0;
    }

    /** The first digest point after {@code now}. */
    long nextDigestPoint(long now) {
        return (now / digestInterval + 1) * digestInterval;
    }

    /**
     * At a digest point: checks the machine's state against the digest recorded there, or, in a record session live
     * beyond everything recorded ({@code furthest}), records it. The mismatch, or null.
     */
    Divergence digestPoint(Machine m, long furthest) {
        long at = m.icount();
        int idx = digests.indexOf(at);
        if (idx >= 0) {
            long now = m.digest();
            if (now != digests.digest(idx)) {
                return new Divergence(at, String.format(
                        "state digest mismatch at icount %d: recorded %016x, replayed %016x%s", at,
                        digests.digest(idx), now, idx > 0 ? " (last match at icount " + digests.icount(idx - 1) + ")" : ""));
            }
        } else if (writer != null && at > digests.lastIcount() && at >= furthest) {
            long d = m.digest();
            digests.append(at, d);
            writer.value(at, EventKind.DIGEST, d);
            writer.flush(at);
        }
        return null;
    }

    /** Records an edit made at icount {@code now} (the writer is there). */
    void stateEdit(StateEdit e, long now) {
        writer.stateEdit(e);
        writer.flush(now);
    }

    /** Makes what is recorded up to {@code at} readable in the file (a killed run leaves it). */
    void flush(long at) {
        if (writer != null) {
            writer.flush(at);
        }
    }

    /** Writes the END chunk: the recorded run ended. */
    void end(RecordingEnd end) {
        index.recordingEnds(end.finalIcount());
        writer.finish(end);
    }

    /** The recording as it stands, its END null while the run goes on. */
    RecordingFile contents(InputEvents events, List<StateEdit> edits, long length,
                           dev.backstep.replay.index.ExecutionIndex indexSoFar) {
        return writer.contents(events, digests, edits, length, indexSoFar);
    }

    /**
     * What the END chunk says when a record session is closed while its program still runs: {@code DETACHED} unless
     * set here, e.g. {@code CANCELLED} (the user interrupted the run) or {@code LIMIT} (an instruction limit).
     */
    void setOpenEndReason(String reason) {
        openEndReason = reason;
    }

    /** Closes the file; a run that has not ended gets its END at {@code frontier}. */
    void close(boolean ended, long frontier) throws IOException {
        if (writer != null) {
            if (!ended) {
                index.recordingEnds(frontier);
                writer.finish(new RecordingEnd(frontier, openEndReason, 0));
            }
            writer.close();
        }
    }
}
