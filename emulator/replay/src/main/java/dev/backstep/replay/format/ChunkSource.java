package dev.backstep.replay.format;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a recording's bytes are read from, by absolute offset: a file (read a chunk at a time, any size) or an
 * array (a recording held in memory). Offsets are longs: a file may be far larger than 2 GiB.
 */
interface ChunkSource {
    long size() throws IOException;

    /** Reads exactly {@code len} bytes at {@code pos}; fails when the source holds fewer. */
    void read(long pos, byte[] dst, int off, int len) throws IOException;

    /** Opens the source again for reading after the first pass (a file is reopened; an array is itself). */
    ChunkSource reopen() throws IOException;

    default void close() throws IOException {
    }

    static ChunkSource of(byte[] bytes) {
        return new ChunkSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void read(long pos, byte[] dst, int off, int len) throws IOException {
                if (pos < 0 || pos + len > bytes.length) {
                    throw new EOFException("read past the end at " + pos);
                }
                System.arraycopy(bytes, (int) pos, dst, off, len);
            }

            @Override
            public ChunkSource reopen() {
                return this;
            }
        };
    }

    static ChunkSource open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        return new ChunkSource() {
            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public void read(long pos, byte[] dst, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
                long at = pos;
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, at);
                    if (n < 0) {
                        throw new EOFException(file + " ends at " + at + " (it changed since it was opened)");
                    }
                    at += n;
                }
            }

            @Override
            public ChunkSource reopen() throws IOException {
                return open(file);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
