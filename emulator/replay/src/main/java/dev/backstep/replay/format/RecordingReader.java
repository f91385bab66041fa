package dev.backstep.replay.format;

import dev.backstep.replay.index.ExecutionIndex;
import dev.backstep.replay.log.DigestLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a recording a chunk at a time, so a file of any size reads in bounded memory: every chunk is checked
 * (checksum, structure, order) once, digests, state edits, the embedded ELF and the execution index are kept, and
 * the input events are only indexed by chunk ({@link RecordedEvents}) and decoded again when a replay reaches them.
 *
 * <p>A damaged chunk does not fail the whole file. Chunks are self-delimiting and checksummed one by one, so when a
 * damaged chunk's length still leads to a chunk that checks (or to the end of the file), the damage is confined to
 * it and what it held decides what is lost: an ELF copy (the events stay: replay with the ELF file), the execution
 * index (built again on replay), or input events (the replay is exact up to the last good EVENTS chunk's covered
 * icount and cannot go past the gap; the rest is still read to report how far it went). The first damaged chunk is
 * reported as a {@link RecordingDamage} naming its kind, offset and consequence. Only a file whose header itself
 * is unreadable is rejected.
 */
public final class RecordingReader {

    private RecordingReader() {
    }

    /** Reads a recording file chunk by chunk; its events are read again from the file as a replay needs them. */
    public static RecordingFile read(Path file) throws IOException {
        return read(file, RecordedEvents.CACHE_BYTES);
    }

    /** As {@link #read(Path)}, keeping at most {@code cacheBytes} of decoded event chunks (tests make it small). */
    static RecordingFile read(Path file, long cacheBytes) throws IOException {
        ChunkSource src = ChunkSource.open(file);
        try {
            return read(src, cacheBytes);
        } finally {
            src.close();
        }
    }

    /** Reads a recording held in memory. */
    public static RecordingFile parse(byte[] file) throws RecordingCorruptException {
        try {
            return read(ChunkSource.of(file), RecordedEvents.CACHE_BYTES);
        } catch (RecordingCorruptException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an array source does not fail
        }
    }

    /** One chunk as framed in the file: its type, and its payload or why it cannot be read. */
    private record Framed(int type, byte[] payload, String problem, long next) {
        /** The next chunk's offset is known (the length field is plausible and the bytes are present). */
        boolean delimited() {
            return next >= 0;
        }
    }

    private static Framed frame(ChunkSource src, long pos, long size, CRC32C crc) throws IOException {
        if (size - pos < RecordingFormat.CHUNK_OVERHEAD) {
            int type = 0;
            if (size > pos) {
                byte[] t = new byte[1];
                src.read(pos, t, 0, 1);
                type = t[0] & 0xFF;
            }
            return new Framed(type, null, "cut off inside the chunk header (" + (size - pos) + " of "
                    + RecordingFormat.CHUNK_OVERHEAD + " framing bytes present)", -1);
        }
        byte[] head = new byte[5];
        src.read(pos, head, 0, 5);
        int type = head[0] & 0xFF;
        long len = (head[1] & 0xFFL) | (head[2] & 0xFFL) << 8 | (head[3] & 0xFFL) << 16 | (head[4] & 0xFFL) << 24;
        if (len > RecordingFormat.MAX_CHUNK_PAYLOAD) {
            return new Framed(type, null, "implausible chunk length " + len + " (at most "
                    + RecordingFormat.MAX_CHUNK_PAYLOAD + ")", -1);
        }
        long present = size - pos - RecordingFormat.CHUNK_OVERHEAD;
        if (present < len) {
            return new Framed(type, null, "cut off: " + len + " payload bytes announced, " + Math.max(present, 0)
                    + " present (or its length field is wrong)", -1);
        }
        byte[] payload = new byte[(int) len];
        src.read(pos + 5, payload, 0, payload.length);
        byte[] tail = new byte[4];
        src.read(pos + 5 + len, tail, 0, 4);
        crc.reset();
        crc.update(head, 0, 5);
        crc.update(payload, 0, payload.length);
        int stored = (tail[0] & 0xFF) | (tail[1] & 0xFF) << 8 | (tail[2] & 0xFF) << 16 | (tail[3] & 0xFF) << 24;
        long next = pos + RecordingFormat.CHUNK_OVERHEAD + len;
        if (stored != (int) crc.getValue()) {
            return new Framed(type, null, "checksum mismatch (CRC32C)", next);
        }
        return new Framed(type, payload, null, next);
    }

    /** The chunk at {@code pos} checks out, or the file ends exactly there: a damaged chunk before it is confined. */
    private static boolean resumesAt(ChunkSource src, long pos, long size, CRC32C crc) throws IOException {
        return pos == size || pos < size && frame(src, pos, size, crc).problem() == null;
    }

    static String kindName(int type) {
        return switch (type) {
            case RecordingFormat.CHUNK_HEADER -> "HEADER chunk";
            case RecordingFormat.CHUNK_ELF -> "ELF chunk";
            case RecordingFormat.CHUNK_EVENTS -> "EVENTS chunk";
            case RecordingFormat.CHUNK_END -> "END chunk";
            case RecordingFormat.CHUNK_INDEX -> "INDEX chunk";
            default -> "chunk of unknown type " + type;
        };
    }

    private static RecordingFile read(ChunkSource src, long cacheBytes) throws IOException {
        long size = src.size();
        byte[] magic = RecordingFormat.MAGIC;
        byte[] got = new byte[magic.length];
        if (size < magic.length) {
            throw new RecordingCorruptException("not a Backstep recording (bad magic)", 0);
        }
        src.read(0, got, 0, magic.length);
        if (!Arrays.equals(got, magic)) {
            throw new RecordingCorruptException("not a Backstep recording (bad magic)", 0);
        }
        Walk w = new Walk(src, cacheBytes);
        long pos = magic.length;
        CRC32C crc = new CRC32C();
        while (pos < size) {
            Framed f = frame(src, pos, size, crc);
            String problem = f.problem();
            if (problem == null) {
                problem = w.accept(f.type(), f.payload(), pos);
            }
            if (problem == null) {
                w.chunks++;
                pos = f.next();
                continue;
            }
            if (w.header == null) {
                throw new RecordingCorruptException("unreadable recording header: " + problem, pos);
            }
            boolean confined = f.delimited() && resumesAt(src, f.next(), size, crc);
            w.damaged(f.type(), pos, problem, confined);
            if (!confined) {
                break;
            }
            pos = f.next();
        }
        if (w.header == null) {
            throw new RecordingCorruptException("recording has no header", pos);
        }
        return w.result(size);
    }

    /** The state of one pass over the chunks. */
    private static final class Walk {
        RecordingHeader header;
        byte[] elf;
        final RecordedEvents events;
        final DigestLog digests = new DigestLog();
        final List<StateEdit> edits = new ArrayList<>();
        long validUpTo;
        long lastInput = Long.MIN_VALUE;
        RecordingEnd end;
        ExecutionIndex index;
        int chunks;

        /** The first damaged chunk: its kind, offset, problem; what else was lost. */
        int damagedType = -1;
        long damagedAt;
        String damagedProblem;
        boolean damageConfined;
        boolean damageAfterEnd;
        int moreDamaged;
        boolean elfLost;
        boolean indexLost;
        /** Input events were lost (or how the run ended): nothing after this point is replayed. */
        boolean eventsLost;
        /** What the chunks after lost events say (read only to report it). */
        int chunksAfterGap;
        long coveredAfterGap = -1;
        RecordingEnd endAfterGap;

        Walk(ChunkSource src, long cacheBytes) {
            events = new RecordedEvents(src, cacheBytes);
        }

        /** Applies a chunk whose checksum holds; returns why it is malformed or out of place, or null. */
        String accept(int type, byte[] payload, long offset) throws RecordingCorruptException {
            ByteSource in = new ByteSource(payload);
            try {
                if (header == null) {
                    if (type != RecordingFormat.CHUNK_HEADER) {
                        return "first chunk is not a header (type " + type + ")";
                    }
                    header = parseHeader(in, offset);
                    return null;
                }
                if (end != null) {
                    return "data after the END chunk";
                }
                if (eventsLost) {
                    afterGap(type, in);
                    return null;
                }
                switch (type) {
                    case RecordingFormat.CHUNK_HEADER -> {
                        return "second header chunk";
                    }
                    case RecordingFormat.CHUNK_ELF -> elf = payload;
                    case RecordingFormat.CHUNK_EVENTS -> {
                        EventsChunk c = EventsChunk.decode(in, new EventsChunk.Before(validUpTo, lastInput,
                                digests.lastIcount(), edits.isEmpty() ? Long.MIN_VALUE
                                : edits.get(edits.size() - 1).icount()));
                        if (c.inputs().size() > 0) {
                            if ((long) events.size() + c.inputs().size() > Integer.MAX_VALUE) {
                                return "more than " + Integer.MAX_VALUE + " input events (this Backstep's limit)";
                            }
                            events.add(offset, payload.length, c.inputs());
                            lastInput = c.inputs().icount(c.inputs().size() - 1);
                        }
                        for (int i = 0; i < c.digests().size(); i++) {
                            digests.append(c.digests().icount(i), c.digests().digest(i));
                        }
                        edits.addAll(c.edits());
                        validUpTo = c.covered();
                    }
                    case RecordingFormat.CHUNK_INDEX -> {
                        if (header.formatVersion() < 2) {
                            return "INDEX chunk in a version " + header.formatVersion() + " recording";
                        }
                        if (!indexLost) {
                            index = IndexChunks.decode(in, index);
                        }
                    }
                    case RecordingFormat.CHUNK_END -> {
                        RecordingEnd e = parseEnd(in);
                        if (e.finalIcount() < validUpTo) {
                            return "END icount " + e.finalIcount() + " before covered icount " + validUpTo;
                        }
                        end = e;
                        validUpTo = e.finalIcount();
                    }
                    default -> {
                        return "unknown chunk type " + type;
                    }
                }
                return null;
            } catch (ByteSource.Malformed m) {
                return "malformed: " + m.getMessage();
            }
        }

        /** A good chunk after lost events: only what it says about the run's extent is noted. */
        private void afterGap(int type, ByteSource in) throws ByteSource.Malformed {
            chunksAfterGap++;
            if (type == RecordingFormat.CHUNK_EVENTS) {
                in.i64();
                coveredAfterGap = Math.max(coveredAfterGap, in.i64());
            } else if (type == RecordingFormat.CHUNK_END) {
                endAfterGap = parseEnd(in);
            }
        }

        void damaged(int type, long offset, String problem, boolean confined) {
            if (damagedType < 0) {
                damagedType = type;
                damagedAt = offset;
                damagedProblem = problem;
                damageConfined = confined;
                damageAfterEnd = end != null;
            } else {
                moreDamaged++;
            }
            if (end != null) {
                return; // the run is whole: what follows its END is ignored
            }
            if (!confined) {
                eventsLost = true;
                return;
            }
            if (type == RecordingFormat.CHUNK_ELF && !eventsLost) {
                elfLost = true;
                elf = null;
            } else if (type == RecordingFormat.CHUNK_INDEX && !eventsLost) {
                indexLost = true;
                index = null;
            } else {
                eventsLost = true;
            }
        }

        RecordingFile result(long size) {
            RecordingDamage damage = damagedType < 0 ? null : new RecordingDamage(damagedAt, validUpTo,
                    damagedProblem, kindName(damagedType), consequence(), eventsLost);
            ExecutionIndex kept = indexLost ? null : within(index, validUpTo, end);
            return new RecordingFile(header, elf, events, digests, validUpTo, end, damage, chunks, size, edits, kept);
        }

        private String consequence() {
            StringBuilder sb = new StringBuilder();
            if (damageAfterEnd) {
                sb.append("what follows the END chunk is ignored; the recording replays in full");
            } else if (damagedType == RecordingFormat.CHUNK_ELF && elfLost) {
                sb.append("the embedded copy of ").append(header.elfName())
                        .append(" is lost (give it with --elf); the events are intact");
            } else if (damagedType == RecordingFormat.CHUNK_INDEX && indexLost) {
                sb.append("the execution index is dropped (it is built again as the replay goes); the events are intact");
            } else if (damagedType == RecordingFormat.CHUNK_END && damageConfined && chunksAfterGap == 0) {
                sb.append("how the run ended is lost; the events are intact: it replays up to icount ").append(validUpTo);
            } else if (!damageConfined) {
                sb.append("the good prefix replays up to icount ").append(validUpTo);
            } else {
                sb.append("the input events it held are lost: the recording replays exactly up to icount ")
                        .append(validUpTo).append(" and not past it");
                if (chunksAfterGap > 0) {
                    sb.append(" (the ").append(chunksAfterGap).append(" chunks after it read fine");
                    if (coveredAfterGap >= 0) {
                        sb.append(", covering up to icount ").append(coveredAfterGap);
                    }
                    if (endAfterGap != null) {
                        sb.append("; the run ended at icount ").append(endAfterGap.finalIcount()).append(": ")
                                .append(endAfterGap.stopReason());
                    }
                    sb.append(")");
                }
            }
            if (elfLost && damagedType != RecordingFormat.CHUNK_ELF) {
                sb.append("; the embedded ELF is lost too");
            }
            if (moreDamaged > 0) {
                sb.append("; ").append(moreDamaged).append(" more damaged chunk").append(moreDamaged > 1 ? "s" : "")
                        .append(" after it");
            }
            return sb.toString();
        }
    }

    private static RecordingEnd parseEnd(ByteSource in) throws ByteSource.Malformed {
        long fin = in.i64();
        String why = in.string();
        int code = in.i32();
        if (in.hasMore()) {
            throw new ByteSource.Malformed("trailing bytes after the END fields");
        }
        return new RecordingEnd(fin, why, code);
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
        String isa = version >= 3 ? in.string() : RecordingHeader.LEGACY_ISA;
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
        if (isa.isEmpty()) {
            throw new ByteSource.Malformed("empty instruction set");
        }
        return new RecordingHeader(version, digest, name, ram, harts, interval, created, producer, isa, semihosting,
                cmdline);
    }
}
