package dev.backstep.gdbserver;

import java.nio.charset.StandardCharsets;

/** Hex encodings of the remote serial protocol: byte strings, big-endian numbers, little-endian register values. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    static String encode(byte[] bytes, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = off; i < off + len; i++) {
            sb.append(DIGITS[(bytes[i] >> 4) & 0xF]).append(DIGITS[bytes[i] & 0xF]);
        }
        return sb.toString();
    }

    static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes an even-length hex string; throws IllegalArgumentException on anything else. */
    static byte[] decode(String hex) {
        if ((hex.length() & 1) != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((digit(hex.charAt(2 * i)) << 4) | digit(hex.charAt(2 * i + 1)));
        }
        return out;
    }

    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("not a hex digit: '" + c + "'");
    }

    /** A big-endian hex number as gdb writes addresses, lengths and register numbers (at most 16 digits). */
    static long parseNumber(String s) {
        if (s.isEmpty() || s.length() > 16) {
            throw new IllegalArgumentException("bad hex number: '" + s + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            v = (v << 4) | digit(s.charAt(i));
        }
        return v;
    }

    /** A 32-bit address; rejects values that do not fit (gdb sign-extends nothing on rv32). */
    static int parseAddress(String s) {
        long v = parseNumber(s);
        if (v >>> 32 != 0) {
            throw new IllegalArgumentException("address beyond 32 bits: " + s);
        }
        return (int) v;
    }

    static String number(long v) {
        return Long.toHexString(v);
    }

    /** A 32-bit register value in target (little-endian) byte order. */
    static String le32(int v) {
        char[] c = new char[8];
        for (int i = 0; i < 4; i++) {
            int b = (v >>> (8 * i)) & 0xFF;
            c[2 * i] = DIGITS[b >> 4];
            c[2 * i + 1] = DIGITS[b & 0xF];
        }
        return new String(c);
    }

    static int parseLe32(String s) {
        if (s.length() != 8) {
            throw new IllegalArgumentException("a 32-bit register value needs 8 hex digits: '" + s + "'");
        }
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (digit(s.charAt(2 * i)) << 4) | digit(s.charAt(2 * i + 1));
        }
        return v;
    }
}
