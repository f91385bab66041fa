package dev.backstep.replay;

import dev.backstep.machine.ExitRequest;
import dev.backstep.machine.Machine;
import dev.backstep.machine.PendingTrap;
import dev.backstep.replay.format.RecordingEnd;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;

import java.io.IOException;

/**
 * How far history goes, and what reaching its end reports: the furthest icount ever reached (in a record session the
 * live frontier, up to which everything is recorded), the limit nothing goes beyond (the end of a recording, the
 * program's exit or endless wait, a divergence) and the stop that says so. The past before the frontier is fixed; at
 * the frontier of a record session that has not ended, the state may change ({@link #editRefusal}).
 */
final class HistoryBounds {
    private final Timeline.Mode mode;
    private final TimelineInput input;
    private final RecordingSink sink;
    private long furthest;
    private long limit = Long.MAX_VALUE;
    /** What reaching the limit reports; set with it. */
    private TimelineStop endStop;
    private Divergence divergence;

    HistoryBounds(Timeline.Mode mode, TimelineInput input, RecordingSink sink) {
        this.mode = mode;
        this.input = input;
        this.sink = sink;
    }

    long furthest() {
        return furthest;
    }

    long limit() {
        return limit;
    }

    boolean ended() {
        return limit != Long.MAX_VALUE;
    }

    Divergence divergence() {
        return divergence;
    }

    /** Where history currently ends: the live frontier (record) or the end of the recording (replay). */
    long recordedLength(long now) {
        return mode == Timeline.Mode.RECORD ? Math.max(furthest, now) : limit;
    }

    /** A target within reach: a replay cannot go past its recording. */
    long reachable(long target) {
        return mode == Timeline.Mode.REPLAY ? Math.min(target, limit) : target;
    }

    /** The machine reached {@code at}: true when that is beyond anything executed before (the frontier moves). */
    boolean reach(long at) {
        if (at <= furthest) {
            return false;
        }
        furthest = at;
        if (mode == Timeline.Mode.RECORD) {
            input.setFrontier(at);
        }
        return true;
    }

    /** Whether the position has reached the divergence, from where nothing is trustworthy. */
    boolean divergedBy(long now) {
        return divergence != null && now >= divergence.icount();
    }

    /** The stop that reports the end of history, as seen from {@code now}. */
    TimelineStop endStop(long now, int pc) {
        return endStop.at(now, pc, false);
    }

    /** At a digest point: records or checks the state digest; a mismatch ends history there. */
    void digestPoint(Machine m) {
        Divergence d = sink.digestPoint(m, furthest);
        if (d != null && divergence == null) {
            diverged(d, m.icount(), m.hart().pc());
        }
    }

    /** Replay: history ends where the recording's readable part ends, with what its END (or damage) says. */
    void endWithRecording(RecordingFile recording) {
        long at = recording.validUpTo();
        limit = Math.min(limit, at);
        if (endStop != null) {
            return; // diverged already
        }
        RecordingEnd end = recording.end();
        if (recording.damage() != null && recording.damage().limitsReplay()) {
            endStop = TimelineStop.simple(TimelineStopKind.RECORDING_DAMAGED, at, 0, false, recording.damage().describe());
        } else if (end == null) {
            endStop = TimelineStop.simple(TimelineStopKind.RECORDING_DAMAGED, at, 0, false, "the recording is incomplete (no END "
                    + "chunk: the recording run was cut off); it replays up to icount " + at);
        } else if (end.stopReason().startsWith(TrapLoopEnd.REASON)) {
            endStop = TrapLoopEnd.stopOf(end);
        } else if (end.stopReason().startsWith("EXIT")) {
            endStop = exitEndStop(at, end.stopReason(), end.exitCode());
        } else {
            endStop = TimelineStop.simple(TimelineStopKind.END_OF_RECORDING, at, 0, false, "end of recording (" + end.stopReason() + ")");
        }
    }

    /** Replay does not match the recording: history ends at the divergence (the first one is kept). */
    TimelineStop diverged(Divergence d, long now, int pc) {
        if (divergence == null) {
            divergence = d;
            endStop = TimelineStop.simple(TimelineStopKind.DIVERGENCE, d.icount(), 0, false,
                    "replay diverged from the recording at icount " + d.icount() + ": " + d.message());
        }
        limit = Math.min(limit, Math.max(d.icount(), 0));
        return endStop.at(now, pc, false);
    }

    /** The guest exited at {@code at}; at the live frontier of a record session, the recording ends there. */
    TimelineStop exited(long at, int pc, ExitRequest exit) {
        String why = "EXIT " + exit.kind();
        if (liveEnd(at)) {
            sink.end(new RecordingEnd(at, why, exit.code()));
            limit = at;
            endStop = exitEndStop(at, why, exit.code());
        }
        return TimelineStop.exit(at, pc, exit.code(), why.toLowerCase());
    }

    /** What reaching the end of a recording that ends in the program's exit reports. */
    private static TimelineStop exitEndStop(long at, String why, int exitCode) {
        return TimelineStop.exit(at, 0, exitCode, "end of recording: the program exited (" + why + ", code " + exitCode + ")");
    }

    /**
     * The hart is stuck in a trap loop at {@code at} (trap entry keeps faulting without retiring an instruction): the run
     * cannot go on, so at the live frontier of a record session the recording ends there, saying so.
     */
    TimelineStop trapLooped(long at, int pc, PendingTrap trap, String why) {
        TimelineStop stop = TimelineStop.trap(at, pc, trap, why);
        if (liveEnd(at)) {
            sink.end(TrapLoopEnd.of(at, trap));
            limit = at;
            endStop = stop;
        }
        return stop;
    }

    /** The guest waits for input that will never come; at the live frontier of a record session, the recording ends. */
    TimelineStop idled(long at, int pc) {
        if (liveEnd(at)) {
            sink.end(new RecordingEnd(at, "IDLE", 0));
            limit = at;
            endStop = TimelineStop.simple(TimelineStopKind.END_OF_RECORDING, at, 0, false,
                    "end of recording: the program waits for input that will never come");
        }
        return TimelineStop.simple(TimelineStopKind.IDLE, at, pc, false, "waiting for input that will never come");
    }

    private boolean liveEnd(long at) {
        return mode == Timeline.Mode.RECORD && at >= furthest && !ended();
    }

    /** See {@link Timeline#editRefusal()}. */
    String editRefusal(long now) {
        if (mode != Timeline.Mode.RECORD) {
            return ": this is a replay of a recording, and its history is fixed (debug in record mode to change the "
                    + "program's state)";
        }
        if (now < furthest) {
            return " at icount " + now + ": cannot change the past (history goes on to icount " + furthest
                    + "; go to the end to change the state)";
        }
        if (ended()) {
            return ": the program has ended at icount " + limit;
        }
        return null;
    }

    /** Flushes and closes the recording; a record session that goes on writes its END at the frontier. */
    void close(long now) throws IOException {
        sink.close(ended(), Math.max(furthest, now));
    }
}
