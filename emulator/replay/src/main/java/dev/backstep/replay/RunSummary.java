package dev.backstep.replay;

import dev.backstep.replay.stop.TimelineStop;

/**
 * Result of a whole record or replay run, for the command line.
 *
 * @param stop            why the run ended (EXIT, IDLE, END_OF_RECORDING, DIVERGENCE, RECORDING_DAMAGED, CANCELLED...)
 * @param digestsVerified replay: state digests compared equal on the way; record: digests written
 * @param ok              record: the run ended normally; replay: the whole recording replayed without divergence or damage
 */
public record RunSummary(TimelineStop stop, long icount, long events, long digestsVerified, long outputBytes,
                         long recordingBytes, long wallNanos, boolean ok) {

    public String describe() {
        return String.format("%s; %d instructions, %d input events, %d digests %s, %d output bytes, %.3f s",
                stop.describe(), icount, events, digestsVerified, stop.backward() ? "" : "checked",
                outputBytes, wallNanos / 1e9);
    }
}
