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
                              String producer) {

    public RecordingHeader {
        if (digestInterval <= 0) {
            throw new IllegalArgumentException("digest interval must be positive: " + digestInterval);
        }
    }
}
