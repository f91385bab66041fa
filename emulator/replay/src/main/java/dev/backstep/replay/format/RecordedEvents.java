package dev.backstep.replay.format;

import dev.backstep.replay.log.EventLog;
import dev.backstep.replay.log.InputEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The input events of a recording file, read a chunk at a time: the reader keeps a directory of the EVENTS chunks
 * (file offset, first event, first and last icount), and a chunk is decoded again from the file when the replay
 * reaches it. A few recently used chunks stay decoded (within {@link #CACHE_BYTES} of payload), so memory does not grow with
 * the file: a replay walks forward through the chunks, and going back re-reads the few it needs.
 */
final class RecordedEvents implements InputEvents {
    /** Decoded chunks kept, by their payload bytes; the chunk in use is always kept. */
    static final long CACHE_BYTES = 16L << 20;

    private final ChunkSource origin;
    private final long cacheBytes;
    private long[] offsets = new long[16];
    private int[] lengths = new int[16];
    private int[] firstIndex = new int[16];
    private long[] firstIcount = new long[16];
    private long[] lastIcount = new long[16];
    private int chunks;
    private int size;

    private final LinkedHashMap<Integer, EventLog> decoded = new LinkedHashMap<>(8, 0.75f, true);
    private long decodedBytes;
    private int lastChunk = -1;
    private EventLog lastLog;

    RecordedEvents(ChunkSource origin, long cacheBytes) {
        this.origin = origin;
        this.cacheBytes = cacheBytes;
    }

    /** Adds an EVENTS chunk the reader has checked; {@code inputs} are its decoded input events (at least one). */
    void add(long offset, int payloadLength, EventLog inputs) {
        if ((long) size + inputs.size() > Integer.MAX_VALUE) {
            throw new IllegalStateException("more than " + Integer.MAX_VALUE + " input events");
        }
        if (chunks == offsets.length) {
            int n = chunks * 2;
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            firstIndex = Arrays.copyOf(firstIndex, n);
            firstIcount = Arrays.copyOf(firstIcount, n);
            lastIcount = Arrays.copyOf(lastIcount, n);
        }
        offsets[chunks] = offset;
        lengths[chunks] = payloadLength;
        firstIndex[chunks] = size;
        firstIcount[chunks] = inputs.icount(0);
        lastIcount[chunks] = inputs.icount(inputs.size() - 1);
        chunks++;
        size += inputs.size();
    }

    /** Number of EVENTS chunks with inputs. */
    int chunkCount() {
        return chunks;
    }

    @Override
    public synchronized int size() {
        return size;
    }

    @Override
    public synchronized long icount(int i) {
        return log(i).icount(i - firstIndex[lastChunk]);
    }

    @Override
    public synchronized EventKind kind(int i) {
        return log(i).kind(i - firstIndex[lastChunk]);
    }

    @Override
    public synchronized long value(int i) {
        return log(i).value(i - firstIndex[lastChunk]);
    }

    @Override
    public synchronized byte[] data(int i) {
        return log(i).data(i - firstIndex[lastChunk]);
    }

    @Override
    public synchronized int dataLength(int i) {
        return log(i).dataLength(i - firstIndex[lastChunk]);
    }

    @Override
    public synchronized int firstAtOrAfter(long icount) {
        int lo = 0;
        int hi = chunks;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (lastIcount[mid] < icount) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == chunks) {
            return size;
        }
        EventLog log = chunk(lo);
        return firstIndex[lo] + log.firstAtOrAfter(icount);
    }

    /** The decoded chunk holding event i; {@link #lastChunk} is its number afterwards. */
    private EventLog log(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("event " + i + " of " + size);
        }
        if (lastChunk >= 0 && i >= firstIndex[lastChunk] && (lastChunk + 1 == chunks || i < firstIndex[lastChunk + 1])) {
            return lastLog;
        }
        int c = Arrays.binarySearch(firstIndex, 0, chunks, i);
        if (c < 0) {
            c = -c - 2;
        }
        return chunk(c);
    }

    private EventLog chunk(int c) {
        EventLog log = decoded.get(c);
        if (log == null) {
            log = load(c);
            decoded.put(c, log);
            decodedBytes += lengths[c];
            var it = decoded.entrySet().iterator();
            while (decodedBytes > cacheBytes && decoded.size() > 1) {
                Map.Entry<Integer, EventLog> eldest = it.next();
                if (eldest.getKey() == c) {
                    continue;
                }
                decodedBytes -= lengths[eldest.getKey()];
                it.remove();
            }
        }
        lastChunk = c;
        lastLog = log;
        return log;
    }

    /** Reads and decodes chunk c again; the file must still hold what the reader checked. */
    private EventLog load(int c) {
        int len = lengths[c];
        byte[] buf = new byte[RecordingFormat.CHUNK_OVERHEAD + len];
        ChunkSource src = null;
        try {
            src = origin.reopen();
            src.read(offsets[c], buf, 0, buf.length);
            CRC32C crc = new CRC32C();
            crc.update(buf, 0, 5 + len);
            int stored = (buf[5 + len] & 0xFF) | (buf[6 + len] & 0xFF) << 8 | (buf[7 + len] & 0xFF) << 16
                    | (buf[8 + len] & 0xFF) << 24;
            if (stored != (int) crc.getValue() || buf[0] != RecordingFormat.CHUNK_EVENTS) {
                throw new IOException("the EVENTS chunk at file offset " + offsets[c]
                        + " no longer reads as it did when the recording was opened (was the file changed?)");
            }
            EventLog inputs = EventsChunk.decode(new ByteSource(Arrays.copyOfRange(buf, 5, 5 + len)),
                    EventsChunk.Before.NOTHING).inputs();
            if (inputs.size() != (c + 1 < chunks ? firstIndex[c + 1] : size) - firstIndex[c]) {
                throw new IOException("the EVENTS chunk at file offset " + offsets[c] + " changed since it was read");
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording's events again: " + e.getMessage(), e);
        } catch (ByteSource.Malformed e) {
            throw new UncheckedIOException(new IOException("the EVENTS chunk at file offset " + offsets[c]
                    + " changed since it was read: " + e.getMessage()));
        } finally {
            if (src != null && src != origin) {
                try {
                    src.close();
                } catch (IOException ignored) {
                    // a read-only handle: nothing to lose
                }
            }
        }
    }
}
