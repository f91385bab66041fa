package dev.backstep.replay.format;

/**
 * Where a recording stops being readable: the byte offset of the first bad chunk, why, and the icount
 * up to which the good prefix still describes the run.
 */
public record RecordingDamage(long fileOffset, long validUpToIcount, String problem) {
    public String describe() {
        return "recording damaged at file offset " + fileOffset + ": " + problem
                + "; the good prefix replays up to icount " + validUpToIcount;
    }
}
