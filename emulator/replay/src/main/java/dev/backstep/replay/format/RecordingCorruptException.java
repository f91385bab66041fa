package dev.backstep.replay.format;

import java.io.IOException;

/** A recording file that cannot be read at all (bad magic, unknown version, damaged header). */
public class RecordingCorruptException extends IOException {
    private final long offset;

    public RecordingCorruptException(String message, long offset) {
        super(message + " (file offset " + offset + ")");
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
