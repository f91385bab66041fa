package dev.backstep.replay.format;

/**
 * What a recording was made of and with: the ELF (by SHA-256 digest and name), the machine
 * configuration that changes guest-visible behaviour (RAM, harts, the instruction set as an arch string), and the
 * digest interval.
 */
public record RecordingHeader(int formatVersion,
                              String elfDigest,
                              String elfName,
                              long ramSize,
                              int harts,
                              long digestInterval,
                              long createdEpochMillis,
                              String producer,
                              String isa,
                              boolean semihosting,
                              String semihostingCmdline) {

    /** The instruction set of recordings made before version 3: Backstep ran rv32imac only. */
    public static final String LEGACY_ISA = "rv32imac";

    public RecordingHeader {
        if (digestInterval <= 0) {
            throw new IllegalArgumentException("digest interval must be positive: " + digestInterval);
        }
        if (isa == null || isa.isEmpty()) {
            isa = LEGACY_ISA;
        }
        semihostingCmdline = semihostingCmdline == null ? "" : semihostingCmdline;
    }

    /** A header without an ISA (rv32imac) and without semihosting. */
    public RecordingHeader(int formatVersion, String elfDigest, String elfName, long ramSize, int harts,
            long digestInterval, long createdEpochMillis, String producer) {
        this(formatVersion, elfDigest, elfName, ramSize, harts, digestInterval, createdEpochMillis, producer, null,
                false, "");
    }

    /** A machine without semihosting. */
    public RecordingHeader(int formatVersion, String elfDigest, String elfName, long ramSize, int harts,
            long digestInterval, long createdEpochMillis, String producer, String isa) {
        this(formatVersion, elfDigest, elfName, ramSize, harts, digestInterval, createdEpochMillis, producer, isa,
                false, "");
    }

    /** A machine with or without semihosting, of the default ISA (rv32imac). */
    public RecordingHeader(int formatVersion, String elfDigest, String elfName, long ramSize, int harts,
            long digestInterval, long createdEpochMillis, String producer, boolean semihosting,
            String semihostingCmdline) {
        this(formatVersion, elfDigest, elfName, ramSize, harts, digestInterval, createdEpochMillis, producer, null,
                semihosting, semihostingCmdline);
    }
}
