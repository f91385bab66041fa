package dev.backstep.cli;

import dev.backstep.replay.format.RecordingCorruptException;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingFormat;
import dev.backstep.replay.format.RecordingReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Opens a recording the user named, telling apart the three ways it can fail: not there ({@link UserFiles}), not a
 * recording at all (a usage error: the wrong file), and a recording whose header is damaged (status 3, like any
 * other damage).
 */
public final class Recordings {
    private Recordings() {
    }

    public static RecordingFile read(Path p) throws IOException {
        UserFiles.requireReadable(p);
        byte[] magic = RecordingFormat.MAGIC;
        byte[] start;
        try (var in = Files.newInputStream(p)) {
            start = in.readNBytes(magic.length);
        }
        if (!Arrays.equals(start, magic)) {
            throw new CliErrors.UserError(p + ": not a Backstep recording");
        }
        try {
            return RecordingReader.read(p);
        } catch (RecordingCorruptException e) {
            throw new CliErrors.Damaged(p + ": " + e.getMessage());
        }
    }

    /**
     * Null when the recording has its program (or the user gave one); else why not, naming {@code --elf}: a
     * recording cut off inside its embedded copy of the ELF still replays from the ELF file.
     */
    public static String missingProgram(Path p, RecordingFile rec, Path elf) {
        if (elf != null || rec.elfBytes() != null) {
            return null;
        }
        String name = rec.header().elfName();
        if (rec.damage() != null && rec.damage().chunkKind().startsWith("ELF") && rec.damage().limitsReplay()) {
            return p + ": the recording is cut off inside its embedded copy of " + name + " (file offset "
                    + rec.damage().fileOffset() + ": " + rec.damage().problem() + "); give the program with --elf "
                    + name;
        }
        if (rec.damage() != null && rec.damage().chunkKind().startsWith("ELF")) {
            return p + ": the recording's embedded copy of " + name + " is damaged (file offset "
                    + rec.damage().fileOffset() + ": " + rec.damage().problem() + "); its events are intact: give the"
                    + " program with --elf " + name;
        }
        return p + ": the recording holds no copy of its program " + name + "; give it with --elf " + name;
    }

    /** Why a recording is not whole, or null when it is: damaged (file offset and problem) or cut off (no END). */
    public static String incompleteness(RecordingFile rec) {
        if (rec.damage() != null) {
            return "damaged at file offset " + rec.damage().fileOffset() + " (" + rec.damage().chunkKind() + "): "
                    + rec.damage().problem() + "; " + rec.damage().consequence();
        }
        if (rec.end() == null) {
            return "cut off (no END chunk): it holds icount 0.." + rec.validUpTo();
        }
        return null;
    }
}
