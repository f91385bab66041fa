package dev.backstep.gdbserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RspCodecTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void checksumIsTheSumModulo256() {
        assertEquals("$OK#9a", s(RspCodec.frame(b("OK"), false)));
        assertEquals("$#00", s(RspCodec.frame(new byte[0], false)));
        assertEquals(0x9a, RspCodec.checksum(b("OK"), 0, 2));
    }

    @Test
    void specialCharactersAreEscaped() {
        String framed = s(RspCodec.frame(b("a#b$c}d*e"), false));
        assertEquals("$a}\u0003b}\u0004c}]d}\ne#", framed.substring(0, framed.length() - 2));
        byte[] body = b(framed.substring(1, framed.length() - 3));
        assertArrayEquals(b("a#b$c}d*e"), RspCodec.unescape(body, 0, body.length));
    }

    @Test
    void runLengthEncodingRoundTrips() {
        String reply = "00000000" + "1".repeat(200) + "ab" + "0".repeat(7) + "f".repeat(6) + "xyz";
        String framed = s(RspCodec.frame(b(reply), true));
        assertTrue(framed.length() < reply.length() / 3, framed);
        // the repeat count never produces the characters that would confuse the framing
        String body = framed.substring(1, framed.length() - 3);
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '*') {
                char n = body.charAt(i + 1);
                assertTrue(n >= ' ' && n <= '~' && n != '#' && n != '$' && n != '+' && n != '-', "count " + n);
            }
        }
        assertEquals(reply, s(RspCodec.expandRunLength(b(body))));
    }

    @Test
    void randomPayloadsSurviveFramingEscapingAndRunLength() {
        Random r = new Random(8);
        for (int k = 0; k < 500; k++) {
            byte[] p = new byte[r.nextInt(300)];
            for (int i = 0; i < p.length; i++) {
                p[i] = (byte) (r.nextInt(4) == 0 ? "#$}*0".charAt(r.nextInt(5)) : r.nextInt(3) == 0 ? 'a' : r.nextInt(256));
            }
            byte[] framed = RspCodec.frame(p, true);
            int hash = framed.length - 3;
            assertEquals('#', framed[hash]);
            byte[] body = java.util.Arrays.copyOfRange(framed, 1, hash);
            assertEquals(Integer.parseInt(s(framed).substring(hash + 1), 16), RspCodec.checksum(body, 0, body.length));
            // gdb expands run lengths while undoing escapes: the result is the payload
            assertArrayEquals(p, RspCodec.unescape(RspCodec.expandRunLength(body), 0,
                    RspCodec.expandRunLength(body).length), "payload " + k);
        }
    }

    @Test
    void danglingEscapeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RspCodec.unescape(b("ab}"), 0, 3));
    }

    @Test
    void hexHelpers() {
        assertEquals("78563412", Hex.le32(0x12345678));
        assertEquals(0x12345678, Hex.parseLe32("78563412"));
        assertEquals(0x80000000, Hex.parseAddress("80000000"));
        assertEquals("48690a", Hex.encode("Hi\n"));
        assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad}, Hex.decode("DEad"));
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("abc"));
        assertThrows(IllegalArgumentException.class, () -> Hex.parseAddress("100000000"));
        assertThrows(IllegalArgumentException.class, () -> Hex.parseNumber(""));
        assertThrows(IllegalArgumentException.class, () -> Hex.parseNumber("xyz"));
    }
}
