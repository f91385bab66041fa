package dev.backstep.replay.format;

import dev.backstep.replay.log.DigestLog;
import dev.backstep.replay.log.EventLog;

/**
 * A recording as read back: header, embedded ELF (may be null), events and digests of the readable
 * prefix, how it ended (null when the run was cut off) and where it is damaged (null when intact).
 */
public record RecordingFile(RecordingHeader header,
                            byte[] elfBytes,
                            EventLog events,
                            DigestLog digests,
                            long validUpTo,
                            RecordingEnd end,
                            RecordingDamage damage,
                            int chunks,
                            long fileSize) {

    public boolean complete() {
        return end != null && damage == null;
    }
}
