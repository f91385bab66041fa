package dev.backstep.replay.format;

/**
 * The first damaged chunk of a recording: its kind (as its type byte says: a damaged chunk's type byte may be
 * the damaged part), its file offset, what is wrong, the icount up to which the recording still replays, what the
 * damage costs (in words), and whether it limits the replay (a lost ELF copy or execution index does not: the
 * events are intact).
 */
public record RecordingDamage(long fileOffset, long validUpToIcount, String problem, String chunkKind,
                              String consequence, boolean limitsReplay) {

    /** Damage that ends the readable part, said the plain way. */
    public RecordingDamage(long fileOffset, long validUpToIcount, String problem) {
        this(fileOffset, validUpToIcount, problem, "chunk", "the good prefix replays up to icount " + validUpToIcount,
                true);
    }

    public String describe() {
        return "recording damaged at file offset " + fileOffset + " (" + chunkKind + "): " + problem + "; "
                + consequence;
    }
}
