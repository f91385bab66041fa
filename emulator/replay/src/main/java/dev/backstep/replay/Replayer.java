package dev.backstep.replay;

import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopSet;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code backstep replay run.bsr}: replays a recording from start to end, reproducing the guest's
 * output through the listener and checking every state digest. Progress goes to
 * {@link TimelineListener#progress} with the recording's length as total.
 */
public final class Replayer {
    private volatile Timeline running;

    public RunSummary replay(Path recording, Path elfOrNull, TimelineOptions opts, TimelineListener listener)
            throws IOException {
        return replay(RecordingReader.read(recording), recording, elfOrNull, opts, listener);
    }

    /** Replays a recording already read (by a caller that looked at it first). */
    public RunSummary replay(RecordingFile rec, Path recording, Path elfOrNull, TimelineOptions opts,
                             TimelineListener listener) throws IOException {
        long t0 = System.nanoTime();
        Timeline t = Timeline.replay(rec, recording, elfOrNull, opts);
        running = t;
        TimelineStop stop;
        try {
            t.setListener(new TimelineListener() {
                @Override
                public void output(byte b, long icount) {
                    if (listener != null) {
                        listener.output(b, icount);
                    }
                }

                @Override
                public void progress(String task, long done, long total) {
                    if (listener != null) {
                        listener.progress("replay", t.icount(), rec.validUpTo());
                    }
                }
            });
            stop = t.runForward(StopSet.none(), Long.MAX_VALUE);
            if (listener != null) {
                listener.progress("replay", t.icount(), rec.validUpTo());
            }
        } finally {
            t.close();
            running = null;
        }
        long verified = 0;
        long limit = t.divergence() != null ? t.divergence().icount() - 1 : t.icount();
        for (int i = 0; i < t.digests().size() && t.digests().icount(i) <= limit; i++) {
            verified++;
        }
        boolean trapLoop = stop.kind() == TimelineStopKind.TRAP && rec.end() != null
                && rec.end().stopReason().startsWith(TrapLoopEnd.REASON) && stop.icount() == rec.end().finalIcount();
        boolean ok = rec.complete() && t.divergence() == null
                && (stop.kind() == TimelineStopKind.EXIT || stop.kind() == TimelineStopKind.END_OF_RECORDING
                || stop.kind() == TimelineStopKind.IDLE || trapLoop);
        return new RunSummary(stop, t.icount(), t.events().size(), verified, t.output().size(), rec.fileSize(),
                System.nanoTime() - t0, ok);
    }

    public void cancel() {
        Timeline t = running;
        if (t != null) {
            t.cancel();
        }
    }
}
