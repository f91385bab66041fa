package dev.backstep.replay.format;

import dev.backstep.replay.index.ExecutionIndex;
import dev.backstep.replay.log.DigestLog;
import dev.backstep.replay.log.EventLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a recording. A damaged or truncated chunk ends the readable part: everything before it is
 * returned with a {@link RecordingDamage} naming the file offset, instead of failing the whole file.
 * Only a file whose header itself is unreadable is rejected.
 */
public final class RecordingReader {

    private RecordingReader() {
    }

    public static RecordingFile read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    public static RecordingFile parse(byte[] file) throws RecordingCorruptException {
        byte[] magic = RecordingFormat.MAGIC;
        if (file.length < magic.length || !Arrays.equals(Arrays.copyOf(file, magic.length), magic)) {
            throw new RecordingCorruptException("not a Backstep recording (bad magic)", 0);
        }
        long pos = magic.length;
        RecordingHeader header = null;
        byte[] elf = null;
        EventLog events = new EventLog();
        DigestLog digests = new DigestLog();
        List<StateEdit> edits = new ArrayList<>();
        long validUpTo = 0;
        RecordingEnd end = null;
        RecordingDamage damage = null;
        ExecutionIndex index = null;
        int chunks = 0;
        CRC32C crc = new CRC32C();

        while (pos < file.length) {
            long start = pos;
            String problem = null;
            byte[] payload = null;
            int type = 0;
            if (file.length - pos < RecordingFormat.CHUNK_OVERHEAD) {
                problem = "truncated chunk header";
            } else {
                type = file[(int) pos] & 0xFF;
                long len = (file[(int) pos + 1] & 0xFFL) | (file[(int) pos + 2] & 0xFFL) << 8
                        | (file[(int) pos + 3] & 0xFFL) << 16 | (file[(int) pos + 4] & 0xFFL) << 24;
                if (len > RecordingFormat.MAX_CHUNK_PAYLOAD) {
                    problem = "implausible chunk length " + len;
                } else if (file.length - pos - RecordingFormat.CHUNK_OVERHEAD < len) {
                    problem = "truncated chunk (" + len + " payload bytes announced, "
                            + (file.length - pos - RecordingFormat.CHUNK_OVERHEAD) + " present)";
                } else {
                    crc.reset();
                    crc.update(file, (int) pos, 5 + (int) len);
                    int at = (int) (pos + 5 + len);
                    int stored = (file[at] & 0xFF) | (file[at + 1] & 0xFF) << 8 | (file[at + 2] & 0xFF) << 16
                            | (file[at + 3] & 0xFF) << 24;
                    if (stored != (int) crc.getValue()) {
                        problem = "checksum mismatch (CRC32C)";
                    } else {
                        payload = Arrays.copyOfRange(file, (int) pos + 5, (int) (pos + 5 + len));
                        pos += RecordingFormat.CHUNK_OVERHEAD + len;
                    }
                }
            }
            if (problem == null) {
                try {
                    ByteSource in = new ByteSource(payload);
                    if (header == null && type != RecordingFormat.CHUNK_HEADER) {
                        problem = "first chunk is not a header (type " + type + ")";
                    } else if (end != null) {
                        problem = "data after the END chunk";
                    } else {
                        switch (type) {
                            case RecordingFormat.CHUNK_HEADER -> {
                                if (header != null) {
                                    problem = "second header chunk";
                                } else {
                                    header = parseHeader(in, start);
                                }
                            }
                            case RecordingFormat.CHUNK_ELF -> elf = payload;
                            case RecordingFormat.CHUNK_EVENTS -> validUpTo = parseEvents(in, events, digests, edits, validUpTo);
                            case RecordingFormat.CHUNK_INDEX -> {
                                if (header.formatVersion() < 2) {
                                    problem = "INDEX chunk in a version " + header.formatVersion() + " recording";
                                } else {
                                    index = IndexChunks.decode(in, index);
                                }
                            }
                            case RecordingFormat.CHUNK_END -> {
                                long fin = in.i64();
                                String why = in.string();
                                int code = in.i32();
                                if (fin < validUpTo) {
                                    problem = "END icount " + fin + " before covered icount " + validUpTo;
                                } else {
                                    end = new RecordingEnd(fin, why, code);
                                    validUpTo = fin;
                                }
                            }
                            default -> problem = "unknown chunk type " + type;
                        }
                    }
                } catch (ByteSource.Malformed m) {
                    problem = "malformed chunk: " + m.getMessage();
                }
            }
            if (problem != null) {
                if (header == null) {
                    throw new RecordingCorruptException("unreadable recording header: " + problem, start);
                }
                damage = new RecordingDamage(start, validUpTo, problem);
                break;
            }
            chunks++;
        }
        if (header == null) {
            throw new RecordingCorruptException("recording has no header", pos);
        }
        return new RecordingFile(header, elf, events, digests, validUpTo, end, damage, chunks, file.length, edits,
                within(index, validUpTo, end));
    }

    /**
     * The index windows the readable part covers: a window past it (or a tail that does not end where the recording
     * ends) is dropped. Null for a file without INDEX chunks.
     */
    private static ExecutionIndex within(ExecutionIndex index, long validUpTo, RecordingEnd end) {
        if (index == null) {
            return null;
        }
        ExecutionIndex kept = new ExecutionIndex(index.windowShift());
        for (long k = 0; k < index.windowSlots(); k++) {
            if (index.isComplete(k) && index.windowStart(k + 1) <= validUpTo) {
                kept.put(k, index.window(k));
            }
        }
        if (index.tail() != null && end != null && index.tailEnd() == end.finalIcount() && validUpTo == end.finalIcount()) {
            kept.putTail(index.tail(), index.tailEnd());
        }
        return kept;
    }

    private static RecordingHeader parseHeader(ByteSource in, long offset)
            throws ByteSource.Malformed, RecordingCorruptException {
        int version = in.u16();
        if (version < RecordingFormat.OLDEST_READABLE || version > RecordingFormat.VERSION) {
            throw new RecordingCorruptException("unsupported recording format version " + version
                    + " (this Backstep reads versions " + RecordingFormat.OLDEST_READABLE + " to "
                    + RecordingFormat.VERSION + ")", offset);
        }
        String digest = in.string();
        String name = in.string();
        long ram = in.i64();
        int harts = in.u8();
        long interval = in.i64();
        long created = in.i64();
        String producer = in.string();
        boolean semihosting = false;
        String cmdline = "";
        if (version >= 3) {
            int flags = in.u8();
            if (flags > 1) {
                throw new ByteSource.Malformed("unknown machine flags " + flags);
            }
            semihosting = flags == 1;
            cmdline = in.string();
        }
        if (interval <= 0) {
            throw new ByteSource.Malformed("digest interval " + interval);
        }
        return new RecordingHeader(version, digest, name, ram, harts, interval, created, producer, semihosting,
                cmdline);
    }

    /** Parses into the logs only once the whole chunk is known good, so a bad chunk adds nothing. */
    private static long parseEvents(ByteSource in, EventLog events, DigestLog digests, List<StateEdit> edits,
                                    long covered) throws ByteSource.Malformed {
        long icount = in.i64();
        long cover = in.i64();
        int count = in.i32();
        if (cover < covered) {
            throw new ByteSource.Malformed("coverage goes back from " + covered + " to " + cover);
        }
        EventLog staged = new EventLog();
        DigestLog stagedDigests = new DigestLog();
        List<StateEdit> stagedEdits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            icount += in.uvarint();
            if (icount < covered) {
                throw new ByteSource.Malformed("event at icount " + icount + " behind covered icount " + covered);
            }
            int code = in.u8();
            EventKind kind = EventKind.ofCode(code);
            if (kind == null) {
                throw new ByteSource.Malformed("unknown event kind " + code + " at icount " + icount);
            }
            switch (kind) {
                case UART_RX -> {
                    long len = in.uvarint();
                    if (len > (1 << 20)) {
                        throw new ByteSource.Malformed("UART event of " + len + " bytes");
                    }
                    byte[] data = in.bytes((int) len);
                    staged.appendUart(icount, data, 0, data.length);
                }
                case DIGEST -> {
                    long d = in.i64();
                    if (stagedDigests.size() > 0 && icount <= stagedDigests.lastIcount()
                            || icount <= digests.lastIcount()) {
                        throw new ByteSource.Malformed("digest icounts not increasing at " + icount);
                    }
                    stagedDigests.append(icount, d);
                }
                case STATE_EDIT -> stagedEdits.add(parseEdit(in, icount));
                case SEMIHOST -> {
                    long len = in.uvarint();
                    if (len > SemihostEvent.MAX_BYTES) {
                        throw new ByteSource.Malformed("semihosting event of " + len + " bytes");
                    }
                    byte[] data = in.bytes((int) len);
                    if (SemihostEvent.kind(data) == null) {
                        throw new ByteSource.Malformed("semihosting event without a known request at " + icount);
                    }
                    staged.appendSemihost(icount, data);
                }
                default -> staged.appendValue(icount, kind, in.i64());
            }
        }
        if (in.hasMore()) {
            throw new ByteSource.Malformed("trailing bytes after " + count + " events");
        }
        if (staged.size() > 0 && events.size() > 0 && staged.icount(0) < events.icount(events.size() - 1)) {
            throw new ByteSource.Malformed("events go back in time at icount " + staged.icount(0));
        }
        if (!stagedEdits.isEmpty() && !edits.isEmpty()
                && stagedEdits.get(0).icount() < edits.get(edits.size() - 1).icount()) {
            throw new ByteSource.Malformed("state edits go back in time at icount " + stagedEdits.get(0).icount());
        }
        for (int i = 0; i < staged.size(); i++) {
            if (staged.kind(i) == EventKind.UART_RX) {
                byte[] d = staged.data(i);
                events.appendUart(staged.icount(i), d, 0, d.length);
            } else if (staged.kind(i) == EventKind.SEMIHOST) {
                events.appendSemihost(staged.icount(i), staged.data(i));
            } else {
                events.appendValue(staged.icount(i), staged.kind(i), staged.value(i));
            }
        }
        for (int i = 0; i < stagedDigests.size(); i++) {
            digests.append(stagedDigests.icount(i), stagedDigests.digest(i));
        }
        edits.addAll(stagedEdits);
        return cover;
    }

    private static StateEdit parseEdit(ByteSource in, long icount) throws ByteSource.Malformed {
        int code = in.u8();
        StateEdit.Target target = StateEdit.Target.ofCode(code);
        if (target == null) {
            throw new ByteSource.Malformed("unknown state edit target " + code + " at icount " + icount);
        }
        int index = in.i32();
        long len = in.uvarint();
        if (len < 1 || len > StateEdit.MAX_BYTES) {
            throw new ByteSource.Malformed("state edit of " + len + " bytes at icount " + icount);
        }
        byte[] bytes = in.bytes((int) len);
        try {
            return new StateEdit(icount, target, index, bytes);
        } catch (IllegalArgumentException e) {
            throw new ByteSource.Malformed(e.getMessage() + " at icount " + icount);
        }
    }
}
