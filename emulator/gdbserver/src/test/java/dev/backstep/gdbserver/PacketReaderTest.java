package dev.backstep.gdbserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PacketReaderTest {
    private static PacketReader reader(String bytes, int max) {
        return new PacketReader(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1)), max);
    }

    private static String framed(String p) {
        return new String(RspCodec.frame(p.getBytes(StandardCharsets.ISO_8859_1), false), StandardCharsets.ISO_8859_1);
    }

    @Test
    void splitsAcksInterruptsAndPackets() throws IOException {
        PacketReader r = reader("+$g#67-\u0003junk" + framed("m80000000,4"), 100);
        assertEquals(Incoming.Kind.ACK, r.next().kind());
        Incoming g = r.next();
        assertEquals(Incoming.Kind.PACKET, g.kind());
        assertEquals("g", g.text());
        assertEquals(Incoming.Kind.NACK, r.next().kind());
        assertEquals(Incoming.Kind.INTERRUPT, r.next().kind());
        assertEquals("m80000000,4", r.next().text());
        assertNull(r.next());
    }

    @Test
    void badChecksumIsDamagedAndReadingGoesOn() throws IOException {
        PacketReader r = reader("$g#00$g#zz$g#67", 100);
        Incoming bad = r.next();
        assertEquals(Incoming.Kind.DAMAGED, bad.kind());
        assertTrue(bad.problem().contains("checksum"), bad.problem());
        assertEquals(Incoming.Kind.DAMAGED, r.next().kind());
        assertEquals("g", r.next().text());
    }

    @Test
    void overlongPacketIsDamagedNotBuffered() throws IOException {
        PacketReader r = reader("$" + "a".repeat(1000) + "#00$?#3f", 64);
        Incoming i = r.next();
        assertEquals(Incoming.Kind.DAMAGED, i.kind());
        assertTrue(i.problem().contains("longer"), i.problem());
        assertEquals("?", r.next().text());
    }

    @Test
    void restartedPacketDropsTheFragment() throws IOException {
        assertEquals("?", reader("$m800$?#3f", 64).next().text());
    }

    @Test
    void truncatedStreamEnds() throws IOException {
        assertNull(reader("$g#6", 64).next());
        assertNull(reader("$gggg", 64).next());
    }

    @Test
    void binaryPayloadKeepsItsEscapes() throws IOException {
        byte[] framed = RspCodec.frame("X80000000,2:}\u0003".getBytes(StandardCharsets.ISO_8859_1), false);
        Incoming i = new PacketReader(new ByteArrayInputStream(framed), 64).next();
        assertEquals(Incoming.Kind.PACKET, i.kind());
        assertEquals("X80000000,2:}]\u0003", i.text());
        byte[] data = RspCodec.unescape(i.payload(), 12, i.payload().length - 12);
        assertEquals("}\u0003", new String(data, StandardCharsets.ISO_8859_1));
    }
}
