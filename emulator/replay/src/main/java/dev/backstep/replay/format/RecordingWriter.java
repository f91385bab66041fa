package dev.backstep.replay.format;

import dev.backstep.machine.Activity;
import dev.backstep.replay.index.ExecutionIndex;
import dev.backstep.replay.log.DigestLog;
import dev.backstep.replay.log.InputEvents;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes a recording incrementally: magic, HEADER, ELF, then EVENTS chunks (and INDEX chunks, once
 * {@link #enableIndex} is called) as the run goes, END on {@link #finish}. Each chunk is complete and checksummed when
 * it reaches the OS, so a run killed at any moment leaves a file whose chunks up to the last flush read back.
 * Events and index windows are buffered until {@link #flush(long)}; the caller flushes at digest points and stops.
 * The file is always written in the current format version, whatever the header says.
 */
public final class RecordingWriter implements AutoCloseable {
    /** Flush on our own when this many payload bytes are pending, whatever the caller does. */
    private static final int AUTO_FLUSH_BYTES = 64 << 10;

    private final OutputStream out;
    private final ByteSink pending = new ByteSink();
    private final ByteSink chunk = new ByteSink();
    private final CRC32C crc = new CRC32C();
    /** Kept so that the recording can be exported again (a session without a file saves it on request). */
    private final RecordingHeader header;
    private final byte[] elfBytes;
    private RecordingEnd end;
    private long bytesWritten;
    private long chunkBase;
    private long lastEventIcount;
    private long coveredUpTo;
    private int pendingEvents;
    private boolean finished;
    private IndexChunks.Encoder index;
    private final List<IndexChunks.Entry> pendingIndex = new ArrayList<>();

    public RecordingWriter(Path file, RecordingHeader header, byte[] elfBytes) throws IOException {
        this(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), header, elfBytes);
    }

    public RecordingWriter(OutputStream out, RecordingHeader header, byte[] elfBytes) throws IOException {
        this.out = out;
        header = new RecordingHeader(RecordingFormat.VERSION, header.elfDigest(), header.elfName(), header.ramSize(),
                header.harts(), header.digestInterval(), header.createdEpochMillis(), header.producer(), header.isa(),
                header.semihosting(), header.semihostingCmdline());
        this.header = header;
        this.elfBytes = elfBytes == null ? null : elfBytes.clone();
        out.write(RecordingFormat.MAGIC);
        bytesWritten = RecordingFormat.MAGIC.length;
        ByteSink h = new ByteSink();
        h.u16(header.formatVersion());
        h.string(header.elfDigest());
        h.string(header.elfName());
        h.i64(header.ramSize());
        h.u8(header.harts());
        h.i64(header.digestInterval());
        h.i64(header.createdEpochMillis());
        h.string(header.producer());
        h.string(header.isa());
        h.u8(header.semihosting() ? 1 : 0);
        h.string(header.semihostingCmdline());
        writeChunk(RecordingFormat.CHUNK_HEADER, h);
        if (elfBytes != null) {
            ByteSink e = new ByteSink();
            e.bytes(elfBytes, 0, elfBytes.length);
            writeChunk(RecordingFormat.CHUNK_ELF, e);
        }
        out.flush();
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    /** From now on, execution index windows are written (in INDEX chunks) with windows of 2^windowShift. */
    public void enableIndex(int windowShift) {
        if (index == null) {
            index = new IndexChunks.Encoder(windowShift);
        }
    }

    /** Window k of the execution index is complete: it goes into the file at the next flush. */
    public void indexWindow(long k, Activity a) {
        if (index != null && !finished) {
            pendingIndex.add(new IndexChunks.Entry(k, a, -1));
        }
    }

    /** The last, partial window of the execution index, up to {@code end}, where the recording ends. */
    public void indexTail(long k, Activity a, long end) {
        if (index != null && !finished) {
            pendingIndex.add(new IndexChunks.Entry(k, a, end));
        }
    }

    /** Every window (and the tail) of an index, for a recording written in one go. */
    public void indexAll(ExecutionIndex x) {
        if (x == null) {
            return;
        }
        enableIndex(x.windowShift());
        for (long k = 0; k < x.windowSlots(); k++) {
            if (x.isComplete(k)) {
                indexWindow(k, x.window(k));
            }
        }
        if (x.tail() != null) {
            indexTail(x.windowOf(x.tailEnd() - 1), x.tail(), x.tailEnd());
        }
    }

    public void uart(long icount, byte[] data, int off, int len) {
        begin(icount, EventKind.UART_RX);
        pending.uvarint(len);
        pending.bytes(data, off, len);
        end();
    }

    /** A semihosting reply, packed ({@link SemihostEvent}). */
    public void semihost(long icount, byte[] packed) {
        begin(icount, EventKind.SEMIHOST);
        pending.uvarint(packed.length);
        pending.bytes(packed, 0, packed.length);
        end();
    }

    public void value(long icount, EventKind kind, long value) {
        if (kind == EventKind.UART_RX || kind == EventKind.STATE_EDIT || kind == EventKind.SEMIHOST) {
            throw new IllegalArgumentException(kind + " carries bytes");
        }
        begin(icount, kind);
        pending.i64(value);
        end();
    }

    /** A debugger's change to the state (written in event order with the inputs). */
    public void stateEdit(StateEdit e) {
        begin(e.icount(), EventKind.STATE_EDIT);
        byte[] b = e.bytes();
        pending.u8(e.target().code);
        pending.i32(e.index());
        pending.uvarint(b.length);
        pending.bytes(b, 0, b.length);
        end();
    }

    private void begin(long icount, EventKind kind) {
        if (finished) {
            throw new IllegalStateException("recording already finished");
        }
        if (icount < lastEventIcount || icount < coveredUpTo) {
            throw new IllegalArgumentException("event at icount " + icount + " is behind the recording ("
                    + Math.max(lastEventIcount, coveredUpTo) + ")");
        }
        if (pendingEvents == 0) {
            chunkBase = lastEventIcount;
        }
        pending.uvarint(icount - lastEventIcount);
        pending.u8(kind.code);
        lastEventIcount = icount;
    }

    private void end() {
        pendingEvents++;
        if (pending.size() >= AUTO_FLUSH_BYTES) {
            flush(lastEventIcount);
        }
    }

    /**
     * Writes the pending events as one chunk declaring that every event with icount &lt; coveredUpTo is
     * now in the file, and pushes it to the OS.
     */
    public void flush(long coveredUpTo) {
        if (finished) {
            return;
        }
        long cover = Math.max(coveredUpTo, this.coveredUpTo);
        if (pendingEvents == 0 && cover == this.coveredUpTo) {
            flushIndex();
            return;
        }
        try {
            ByteSink c = new ByteSink();
            c.i64(pendingEvents == 0 ? lastEventIcount : chunkBase);
            c.i64(cover);
            c.i32(pendingEvents);
            c.bytes(pending.array(), 0, pending.size());
            writeChunk(RecordingFormat.CHUNK_EVENTS, c);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write recording: " + e.getMessage(), e);
        }
        pending.reset();
        pendingEvents = 0;
        this.coveredUpTo = cover;
        flushIndex();
    }

    /** Writes the pending index windows as INDEX chunks (after the events that cover them). */
    private void flushIndex() {
        if (pendingIndex.isEmpty()) {
            return;
        }
        pendingIndex.sort(Comparator.comparingLong(IndexChunks.Entry::window));
        try {
            for (int from = 0; from < pendingIndex.size(); from += IndexChunks.MAX_ENTRIES) {
                ByteSink c = new ByteSink();
                index.encode(pendingIndex.subList(from, Math.min(pendingIndex.size(), from + IndexChunks.MAX_ENTRIES)),
                        c);
                writeChunk(RecordingFormat.CHUNK_INDEX, c);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write recording: " + e.getMessage(), e);
        }
        pendingIndex.clear();
    }

    /** Flushes the last events and writes the END chunk; the file is then complete. */
    public void finish(RecordingEnd end) {
        if (finished) {
            return;
        }
        flush(end.finalIcount());
        try {
            ByteSink e = new ByteSink();
            e.i64(end.finalIcount());
            e.string(end.stopReason());
            e.i32(end.exitCode());
            writeChunk(RecordingFormat.CHUNK_END, e);
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write recording: " + ex.getMessage(), ex);
        }
        finished = true;
        this.end = end;
    }

    /**
     * The recording this writer has been given, as {@link RecordingReader} would return it: its header, ELF and END
     * (null until {@link #finish}) with the caller's logs of the events, digests and edits it wrote.
     */
    public RecordingFile contents(InputEvents events, DigestLog digests, List<StateEdit> edits, long coveredUpTo) {
        return contents(events, digests, edits, coveredUpTo, null);
    }

    /** As {@link #contents(InputEvents, DigestLog, List, long)}, with the caller's execution index (or null). */
    public RecordingFile contents(InputEvents events, DigestLog digests, List<StateEdit> edits, long coveredUpTo,
                                  ExecutionIndex index) {
        long validUpTo = end != null ? end.finalIcount() : Math.max(coveredUpTo, this.coveredUpTo);
        return new RecordingFile(header, elfBytes, events, digests, validUpTo, end, null, 0, bytesWritten, edits,
                index);
    }

    private void writeChunk(int type, ByteSink payload) throws IOException {
        chunk.reset();
        chunk.u8(type);
        chunk.i32(payload.size());
        chunk.bytes(payload.array(), 0, payload.size());
        crc.reset();
        crc.update(chunk.array(), 0, chunk.size());
        chunk.i32((int) crc.getValue());
        out.write(chunk.array(), 0, chunk.size());
        bytesWritten += chunk.size();
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            flush(coveredUpTo);
        }
        out.close();
    }
}
