package dev.backstep.replay.format;

import dev.backstep.replay.log.DigestLog;
import dev.backstep.replay.log.InputEvents;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a recording held in memory ({@link RecordingFile}: read back, or what a live timeline has recorded so
 * far) to a file in the format of docs/recording-format.md: header, ELF, the events, digests and state edits in
 * icount order, and END. This is how a session that kept its recording in memory saves it on request.
 *
 * <p>The file is written beside the target under a temporary name and then renamed over it, so a failed save
 * never leaves a half-written file, nor destroys the file it replaces.
 */
public final class RecordingExporter {
    private RecordingExporter() {
    }

    /**
     * Writes {@code rec} to {@code out}.
     *
     * @param endIfOpen the END to write when {@code rec} has none (a run still going on: typically
     *                  {@code DETACHED} at its last icount), or null to write none (the file then reads as cut off)
     * @return the size of the file written, in bytes
     */
    public static long export(RecordingFile rec, RecordingEnd endIfOpen, Path out) throws IOException {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                write(rec, endIfOpen, os);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return Files.size(target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code rec} to a stream (see {@link #export}); the stream is flushed, not closed. */
    public static void write(RecordingFile rec, RecordingEnd endIfOpen, OutputStream os) throws IOException {
        RecordingWriter w = new RecordingWriter(os, rec.header(), rec.elfBytes());
        try {
            writeEvents(rec, w);
            w.indexAll(within(rec));
            RecordingEnd end = rec.end() != null ? rec.end() : endIfOpen;
            if (end != null) {
                w.finish(end);
            } else {
                w.flush(rec.validUpTo());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        os.flush();
    }

    /** The index windows the recording covers (a live session's index may run ahead of what it exports). */
    private static dev.backstep.replay.index.ExecutionIndex within(RecordingFile rec) {
        dev.backstep.replay.index.ExecutionIndex x = rec.index();
        if (x == null) {
            return null;
        }
        dev.backstep.replay.index.ExecutionIndex kept = new dev.backstep.replay.index.ExecutionIndex(x.windowShift());
        for (long k = 0; k < x.windowSlots(); k++) {
            if (x.isComplete(k) && x.windowStart(k + 1) <= rec.validUpTo()) {
                kept.put(k, x.window(k));
            }
        }
        if (x.tail() != null && x.tailEnd() == rec.validUpTo()) {
            kept.putTail(x.tail(), x.tailEnd());
        }
        return kept;
    }

    /**
     * Merges the three logs in icount order. At one icount the digest comes first (it is of the state on arrival),
     * then the edits (they belong to the state there), then the inputs (consumed by the step to the next icount):
     * the order a live recording has. Only what the recording covers is written.
     */
    private static void writeEvents(RecordingFile rec, RecordingWriter w) {
        InputEvents events = rec.events();
        DigestLog digests = rec.digests();
        List<StateEdit> edits = rec.edits();
        long limit = rec.validUpTo();
        int e = 0;
        int d = 0;
        int s = 0;
        while (true) {
            long ei = e < events.size() ? events.icount(e) : Long.MAX_VALUE;
            long di = d < digests.size() ? digests.icount(d) : Long.MAX_VALUE;
            long si = s < edits.size() ? edits.get(s).icount() : Long.MAX_VALUE;
            long next = Math.min(ei, Math.min(di, si));
            if (next == Long.MAX_VALUE || next > limit) {
                return;
            }
            if (di == next) {
                w.value(di, EventKind.DIGEST, digests.digest(d++));
                // a live recording flushes at every digest point: keep chunks as small as the original's
                w.flush(di);
            } else if (si == next) {
                w.stateEdit(edits.get(s++));
            } else if (events.kind(e) == EventKind.UART_RX) {
                byte[] data = events.data(e++);
                w.uart(ei, data, 0, data.length);
            } else if (events.kind(e) == EventKind.SEMIHOST) {
                w.semihost(ei, events.data(e++));
            } else {
                w.value(ei, events.kind(e), events.value(e++));
            }
        }
    }
}
