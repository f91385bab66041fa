package dev.backstep.session;

import java.nio.file.Path;

/**
 * The timeline at a glance (the custom DAP request backstep/info, the console's "info").
 *
 * @param recording       the recording file (written in RECORD mode, read in REPLAY), or null when in memory only
 * @param icount          the current position
 * @param recordedLength  where history ends now (record: furthest executed; replay: end of the recording)
 * @param complete        history cannot grow: the program ended (record) or the recording is complete (replay)
 * @param problem         divergence or damage, or null
 */
public record SessionInfo(LaunchSpec.Mode mode, Path program, Path recording, long icount, int pc,
                          long recordedLength, boolean complete, int snapshotCount, long snapshotBytes,
                          long snapshotBudget, int eventCount, int outputBytes, String problem) {
}
