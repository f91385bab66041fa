package dev.backstep.replay;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code backstep record prog.elf -o run.bsr [--input FILE|-]}: runs a program live to its end,
 * recording it. Guest output goes to the listener as it is produced.
 */
public final class Recorder {
    private volatile Timeline running;

    /**
     * @param input the live source (e.g. {@code new LiveInput(System.in)}), or null for no input
     */
    public RunSummary record(Path elf, Path out, ExternalInput input, MachineConfig cfg, TimelineOptions opts,
                             TimelineListener listener) throws IOException {
        return record(elf, out, input, cfg, opts, listener, Long.MAX_VALUE);
    }

    /**
     * Records until the program ends, {@code limit} instructions have run ({@code LIMIT} stop; the recording's END
     * says LIMIT) or {@link #cancel()} (a {@code CANCELLED} stop; the END says CANCELLED). Either way the file is
     * complete and replays up to there.
     */
    public RunSummary record(Path elf, Path out, ExternalInput input, MachineConfig cfg, TimelineOptions opts,
                             TimelineListener listener, long limit) throws IOException {
        long t0 = System.nanoTime();
        TimelineStop stop;
        Timeline t = Timeline.record(elf, out, input, cfg, opts);
        running = t;
        try {
            t.setListener(listener);
            stop = t.runForward(StopSet.none(), limit);
            if (stop.kind() == TimelineStopKind.CANCELLED || stop.kind() == TimelineStopKind.LIMIT) {
                t.setOpenEndReason(stop.kind().name());
            }
        } finally {
            t.close();
            running = null;
        }
        long bytes = out == null ? 0 : Files.size(out);
        boolean ok = stop.kind() == TimelineStopKind.EXIT || stop.kind() == TimelineStopKind.IDLE;
        return new RunSummary(stop, t.icount(), t.events().size(), t.digests().size(), t.output().size(), bytes,
                System.nanoTime() - t0, ok);
    }

    /** Stops a running {@link #record} (Ctrl-C); the recording is closed properly at that point. */
    public void cancel() {
        Timeline t = running;
        if (t != null) {
            t.cancel();
        }
    }
}
