package dev.backstep.replay.format;

import java.nio.charset.StandardCharsets;

/** Constants of the recording file layout; docs/recording-format.md is the prose version. */
public final class RecordingFormat {
    /** 8 bytes; the CR LF and SUB bytes catch text-mode mangling, like PNG's signature. */
    public static final byte[] MAGIC = "BSREC\r\n\u001a".getBytes(StandardCharsets.ISO_8859_1);
    /** The version this Backstep writes: 2 added the INDEX chunk, 3 the instruction set and semihosting (header fields, SEMIHOST events). */
    public static final int VERSION = 3;
    /** The oldest version it reads (without an index: one is built as the recording replays). */
    public static final int OLDEST_READABLE = 1;

    public static final int CHUNK_HEADER = 1;
    public static final int CHUNK_ELF = 2;
    public static final int CHUNK_EVENTS = 3;
    public static final int CHUNK_END = 4;
    public static final int CHUNK_INDEX = 5;

    /** type (1) + payload length (4) before the payload, CRC32C (4) after it. */
    public static final int CHUNK_OVERHEAD = 9;
    /** A chunk larger than this is taken as corruption rather than allocated. */
    public static final int MAX_CHUNK_PAYLOAD = 64 << 20;

    public static final String DEFAULT_EXTENSION = ".bsr";

    private RecordingFormat() {
    }
}
