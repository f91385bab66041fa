package dev.backstep.replay.format;

/**
 * What a recording was made of and with: the ELF (by SHA-256 digest and name), the machine
 * configuration that changes guest-visible behaviour, and the digest interval.
 */
public record RecordingHeader(int formatVersion,
                              String elfDigest,
                              String elfName,
                              long ramSize,
                              int harts,
                              long digestInterval,
                              long createdEpochMillis,
                              String producer,
                              boolean semihosting,
                              String semihostingCmdline) {

    public RecordingHeader {
        if (digestInterval <= 0) {
            throw new IllegalArgumentException("digest interval must be positive: " + digestInterval);
        }
        semihostingCmdline = semihostingCmdline == null ? "" : semihostingCmdline;
    }

    /** A machine without semihosting. */
    public RecordingHeader(int formatVersion, String elfDigest, String elfName, long ramSize, int harts,
                           long digestInterval, long createdEpochMillis, String producer) {
        this(formatVersion, elfDigest, elfName, ramSize, harts, digestInterval, createdEpochMillis, producer, false,
                "");
    }
}
