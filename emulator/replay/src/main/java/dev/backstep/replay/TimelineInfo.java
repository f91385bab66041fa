package dev.backstep.replay;

import java.nio.file.Path;

/**
 * A timeline at a glance.
 *
 * @param recordedLength   record mode: furthest icount executed (live); replay: end of the readable recording
 * @param complete         the recording has its END chunk (the run ended) and no damage
 * @param problem          damage or divergence description, or null
 */
public record TimelineInfo(Timeline.Mode mode, Path file, long icount, int pc, long recordedLength,
                           int snapshotCount, long snapshotBytes, long memoryBudget,
                           int eventCount, int digestCount, int outputBytes, boolean complete, String problem) {
}
