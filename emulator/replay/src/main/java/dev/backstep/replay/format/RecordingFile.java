package dev.backstep.replay.format;

import dev.backstep.replay.log.DigestLog;
import dev.backstep.replay.index.ExecutionIndex;
import dev.backstep.replay.log.InputEvents;

import java.util.List;

/**
 * A recording as read back: header, embedded ELF (may be null), events and digests of the readable
 * prefix, the debugger's state edits ({@link StateEdit}, in icount order), how it ended (null when the run was cut off) and where it is damaged (null when intact),
 * and its execution index (null when the file has none: a version 1 file; else the windows within the readable part).
 */
public record RecordingFile(RecordingHeader header,
                            byte[] elfBytes,
                            InputEvents events,
                            DigestLog digests,
                            long validUpTo,
                            RecordingEnd end,
                            RecordingDamage damage,
                            int chunks,
                            long fileSize,
                            List<StateEdit> edits,
                            ExecutionIndex index) {

    public RecordingFile {
        edits = edits == null ? List.of() : List.copyOf(edits);
    }

    /** A recording without an execution index. */
    public RecordingFile(RecordingHeader header, byte[] elfBytes, InputEvents events, DigestLog digests, long validUpTo,
                         RecordingEnd end, RecordingDamage damage, int chunks, long fileSize, List<StateEdit> edits) {
        this(header, elfBytes, events, digests, validUpTo, end, damage, chunks, fileSize, edits, null);
    }

    /** A recording without debugger state edits. */
    public RecordingFile(RecordingHeader header, byte[] elfBytes, InputEvents events, DigestLog digests, long validUpTo,
                         RecordingEnd end, RecordingDamage damage, int chunks, long fileSize) {
        this(header, elfBytes, events, digests, validUpTo, end, damage, chunks, fileSize, List.of(), null);
    }

    /** The recording replays its whole run: no damage that cuts the replay short, and an END chunk. */
    public boolean replaysInFull() {
        return end != null && (damage == null || !damage.limitsReplay());
    }

    /** Why the recording holds no usable copy of its program: none was embedded, or the copy is damaged. */
    public String whyNoElf() {
        String name = header.elfName();
        if (damage != null && damage.chunkKind().startsWith("ELF")) {
            return "the recording's embedded copy of " + name + " is damaged (" + damage.describe() + ")";
        }
        return "the recording does not contain its ELF (" + name + ")";
    }

    public boolean complete() {
        return end != null && damage == null;
    }
}
