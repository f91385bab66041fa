package dev.backstep.session.internal;

import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineInfo;
import dev.backstep.replay.format.RecordingEnd;
import dev.backstep.replay.format.RecordingExporter;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.OutputFiles;
import dev.backstep.session.SessionException;
import dev.backstep.session.SessionInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The recorded history as a whole: what it holds, its snapshots, and saving it to a file. */
final class RecordingAccess {
    private final LaunchSpec spec;
    private final Timeline timeline;
    /** The last list read while stopped: the store is not safe to read while a run changes it. */
    private volatile List<Long> lastSnapshotIcounts = List.of();

    RecordingAccess(LaunchSpec spec, Timeline timeline) {
        this.spec = spec;
        this.timeline = timeline;
    }

    SessionInfo info() {
        TimelineInfo i = timeline.info();
        return new SessionInfo(spec.mode(), spec.program(), i.file(), i.icount(), i.pc(), i.recordedLength(),
                i.complete(), i.snapshotCount(), i.snapshotBytes(), i.memoryBudget(), i.eventCount(), i.outputBytes(),
                i.problem());
    }

    /** Reads the snapshot positions afresh when the gate lets it, else answers with the last ones read. */
    List<Long> snapshotIcounts(RequestGate gate) {
        gate.readIfIdle(() -> lastSnapshotIcounts = List.copyOf(timeline.snapshotIcounts()));
        return lastSnapshotIcounts;
    }

    void save(Path path, boolean overwrite) throws SessionException {
        try {
            Path src = timeline.info().file();
            if (src != null && timeline.mode() == Timeline.Mode.RECORD && OutputFiles.same(path, src)) {
                return; // the session writes there already
            }
            OutputFiles.checkWritable(path, overwrite, java.util.Arrays.asList(spec.program(), spec.inputFile(),
                    spec.mode() == LaunchSpec.Mode.REPLAY ? spec.recording() : null), "path");
            // from memory, launch file or not: a live file has no END yet, the export ends at the frontier
            RecordingFile rec = timeline.recordingSoFar();
            RecordingEnd open = timeline.mode() == Timeline.Mode.RECORD
                    ? new RecordingEnd(rec.validUpTo(), "DETACHED", 0) : null;
            RecordingExporter.export(rec, open, path);
        } catch (IOException e) {
            throw new SessionException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
