package dev.backstep.replay.format;

import java.nio.charset.StandardCharsets;

/** Bounds-checked little-endian reader over one chunk payload; overruns throw {@link Malformed}. */
final class ByteSource {
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private final byte[] buf;
    private int pos;

    ByteSource(byte[] buf) {
        this.buf = buf;
    }

    boolean hasMore() {
        return pos < buf.length;
    }

    private void need(int n) throws Malformed {
        if (n < 0 || pos + n > buf.length) {
            throw new Malformed("payload ends early at byte " + pos + " of " + buf.length);
        }
    }

    int u8() throws Malformed {
        need(1);
        return buf[pos++] & 0xFF;
    }

    int u16() throws Malformed {
        return u8() | (u8() << 8);
    }

    int i32() throws Malformed {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (buf[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }

    long i64() throws Malformed {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (buf[pos++] & 0xFFL) << (8 * i);
        }
        return v;
    }

    long uvarint() throws Malformed {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new Malformed("varint longer than 10 bytes");
    }

    byte[] bytes(int n) throws Malformed {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    String string() throws Malformed {
        long n = uvarint();
        if (n > buf.length) {
            throw new Malformed("string length " + n + " exceeds payload");
        }
        return new String(bytes((int) n), StandardCharsets.UTF_8);
    }
}
