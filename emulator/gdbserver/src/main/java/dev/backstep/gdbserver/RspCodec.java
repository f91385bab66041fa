package dev.backstep.gdbserver;

import java.io.ByteArrayOutputStream;

/**
 * Framing of the remote serial protocol: {@code $payload#cc}, with '#', '$', '}' and '*' escaped as
 * {@code '}' (c ^ 0x20)}, and optional run-length encoding of replies ({@code c*N} repeats c N-29 more times).
 */
final class RspCodec {
    static final byte ESCAPE = '}';

    private RspCodec() {
    }

    static int checksum(byte[] data, int off, int len) {
        int sum = 0;
        for (int i = off; i < off + len; i++) {
            sum += data[i] & 0xFF;
        }
        return sum & 0xFF;
    }

    /** A complete packet ready to send; {@code runLength} compresses repeats (only for stub-to-gdb replies). */
    static byte[] frame(byte[] payload, boolean runLength) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + 8);
        int i = 0;
        while (i < payload.length) {
            byte b = payload[i];
            int run = 1;
            while (runLength && !needsEscape(b) && i + run < payload.length && payload[i + run] == b && run < 98) {
                run++;
            }
            writeEscaped(body, b);
            int extra = run - 1;
            if (runLength && extra >= 3) {
                // the count character is extra + 29; it must be printable and must not be '#', '$' (or '+', '-', which gdb rejects)
                while (extra + 29 == '#' || extra + 29 == '$' || extra + 29 == '+' || extra + 29 == '-') {
                    extra--;
                }
                body.write('*');
                body.write(extra + 29);
                i += extra + 1;
            } else {
                i++;
            }
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 4);
        out.write('$');
        out.writeBytes(b);
        out.write('#');
        int cs = checksum(b, 0, b.length);
        out.write(hexDigit(cs >> 4));
        out.write(hexDigit(cs & 0xF));
        return out.toByteArray();
    }

    private static boolean needsEscape(byte b) {
        return b == '#' || b == '$' || b == ESCAPE || b == '*';
    }

    private static void writeEscaped(ByteArrayOutputStream out, byte b) {
        if (needsEscape(b)) {
            out.write(ESCAPE);
            out.write(b ^ 0x20);
        } else {
            out.write(b);
        }
    }

    private static int hexDigit(int v) {
        return "0123456789abcdef".charAt(v);
    }

    /** Undoes '}' escaping (binary data of X packets and of any packet body). */
    static byte[] unescape(byte[] data, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        for (int i = off; i < off + len; i++) {
            byte b = data[i];
            if (b == ESCAPE) {
                if (i + 1 >= off + len) {
                    throw new IllegalArgumentException("escape character at the end of the data");
                }
                out.write(data[++i] ^ 0x20);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** Expands run-length encoding (what gdb does with replies; used by tests and the benchmark client). */
    static byte[] expandRunLength(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 2);
        byte last = 0;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '*' && i > 0 && i + 1 < data.length) {
                int n = (data[++i] & 0xFF) - 29;
                for (int k = 0; k < n; k++) {
                    out.write(last);
                }
            } else {
                out.write(b);
                last = b;
            }
        }
        return out.toByteArray();
    }
}
