package dev.backstep.replay.format;

import dev.backstep.replay.log.EventLog;
import dev.backstep.replay.log.InputEvents;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class RecordingFormatTest {

    private static RecordingHeader header() {
        return new RecordingHeader(RecordingFormat.VERSION, "ab12", "prog.elf", 128L << 20, 1, 1000, 42, "test");
    }

    /** Writes a recording of 200 events flushed every 20 events; returns the bytes. */
    private static byte[] sample(boolean finish) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        RecordingWriter w = new RecordingWriter(bos, header(), "ELFDATA".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 200; i++) {
            long ic = i * 100L;
            switch (i % 3) {
                case 0 -> w.uart(ic, new byte[]{(byte) i, (byte) (i + 1)}, 0, 2);
                case 1 -> w.value(ic, EventKind.RTC, 1_000_000_000L * i);
                default -> w.value(ic, EventKind.DIGEST, 0x1234_5678_9abcL * i);
            }
            if (i % 20 == 19) {
                w.flush(ic + 1);
            }
        }
        if (finish) {
            w.finish(new RecordingEnd(20_000, "EXIT", 3));
        }
        w.close();
        return bos.toByteArray();
    }

    @Test
    void theHeaderNamesTheIsaAndOlderVersionsReadAsRv32imac() throws Exception {
        RecordingHeader h = new RecordingHeader(RecordingFormat.VERSION, "ab12", "fp.elf", 128L << 20, 1, 1000, 42,
                "test", "rv32imafdc_zba_zbb_zbs");
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        RecordingWriter w = new RecordingWriter(bos, h, null);
        w.finish(new RecordingEnd(0, "EXIT", 0));
        w.close();
        byte[] bytes = bos.toByteArray();
        assertEquals(3, RecordingFormat.VERSION);
        assertEquals("rv32imafdc_zba_zbb_zbs", RecordingReader.parse(bytes).header().isa());
        assertEquals("rv32imac", header().isa(), "a header made without an ISA is rv32imac");

        // the same header as version 2 wrote it: no isa field (the CRC is over the changed chunk, so rebuild it)
        ByteSink old = new ByteSink();
        old.u16(2);
        old.string("ab12");
        old.string("fp.elf");
        old.i64(128L << 20);
        old.u8(1);
        old.i64(1000);
        old.i64(42);
        old.string("test");
        ByteArrayOutputStream v2 = new ByteArrayOutputStream();
        v2.write(RecordingFormat.MAGIC);
        writeChunk(v2, RecordingFormat.CHUNK_HEADER, old);
        RecordingFile f = RecordingReader.parse(v2.toByteArray());
        assertEquals(2, f.header().formatVersion());
        assertEquals("rv32imac", f.header().isa());
    }

    /**
     * Version 3 is one format: the header holds the ISA and the semihosting flag and command line together, and the
     * streamed reader (events decoded again a chunk at a time from the file) serves SEMIHOST events.
     */
    @Test
    void versionThreeHoldsTheIsaAndSemihostingAndTheStreamedReaderServesSemihostEvents(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        RecordingHeader h = new RecordingHeader(RecordingFormat.VERSION, "ab12", "fp.elf", 128L << 20, 1, 1000, 42,
                "test", "rv32imafdc", true, "fp.elf alpha beta");
        java.nio.file.Path file = dir.resolve("run.bsr");
        byte[] answer = SemihostEvent.pack(dev.backstep.machine.SemihostCall.Kind.CONSOLE_READ,
                new dev.backstep.machine.SemihostReply(3, 0, "hi\n".getBytes(StandardCharsets.US_ASCII)));
        try (var os = java.nio.file.Files.newOutputStream(file)) {
            RecordingWriter w = new RecordingWriter(os, h, null);
            for (int i = 0; i < 50; i++) {
                w.uart(i * 10L, new byte[]{(byte) i}, 0, 1);
                w.semihost(i * 10L + 5, answer);
                if (i % 10 == 9) {
                    w.flush(i * 10L + 6);
                }
            }
            w.finish(new RecordingEnd(1000, "EXIT", 0));
            w.close();
        }
        RecordingFile f = RecordingReader.read(file);
        assertEquals(3, f.header().formatVersion());
        assertEquals("rv32imafdc", f.header().isa());
        assertTrue(f.header().semihosting());
        assertEquals("fp.elf alpha beta", f.header().semihostingCmdline());
        InputEvents ev = f.events();
        assertEquals(100, ev.size());
        for (int i = ev.size() - 1; i >= 0; i--) { // backwards: chunks decoded again out of order
            if (i % 2 == 0) {
                assertEquals(EventKind.UART_RX, ev.kind(i));
                assertArrayEquals(new byte[]{(byte) (i / 2)}, ev.data(i));
            } else {
                assertEquals(EventKind.SEMIHOST, ev.kind(i));
                assertEquals(i / 2 * 10L + 5, ev.icount(i));
                assertEquals(dev.backstep.machine.SemihostCall.Kind.CONSOLE_READ, SemihostEvent.kind(ev.data(i)));
                assertArrayEquals("hi\n".getBytes(StandardCharsets.US_ASCII), SemihostEvent.reply(ev.data(i)).data());
            }
        }
        // the same bytes read whole agree
        RecordingFile whole = RecordingReader.parse(java.nio.file.Files.readAllBytes(file));
        assertEquals(h.isa(), whole.header().isa());
        assertTrue(whole.header().semihosting());
        assertEquals(100, whole.events().size());
    }

    /** A chunk as the format says: type, length, payload, CRC32C over the three. */
    private static void writeChunk(ByteArrayOutputStream out, int type, ByteSink payload) {
        ByteSink c = new ByteSink();
        c.u8(type);
        c.i32(payload.size());
        c.bytes(payload.array(), 0, payload.size());
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(c.array(), 0, c.size());
        c.i32((int) crc.getValue());
        out.write(c.array(), 0, c.size());
    }

    @Test
    void roundTrip() throws Exception {
        RecordingFile f = RecordingReader.parse(sample(true));
        assertTrue(f.complete());
        assertEquals(header(), f.header());
        assertArrayEquals("ELFDATA".getBytes(StandardCharsets.US_ASCII), f.elfBytes());
        InputEvents ev = f.events();
        assertEquals(200 - 66, ev.size());
        assertEquals(66, f.digests().size());
        assertEquals(EventKind.UART_RX, ev.kind(0));
        assertArrayEquals(new byte[]{3, 4}, ev.data(2));
        assertEquals(EventKind.RTC, ev.kind(1));
        assertEquals(1_000_000_000L, ev.value(1));
        assertEquals(0x1234_5678_9abcL * 2, f.digests().digest(0));
        assertEquals(200, f.digests().icount(0));
        assertEquals(20_000, f.validUpTo());
        assertEquals(new RecordingEnd(20_000, "EXIT", 3), f.end());
    }

    @Test
    void everyTruncationKeepsAGoodPrefix() throws Exception {
        byte[] full = sample(true);
        RecordingFile whole = RecordingReader.parse(full);
        int headerEnd = -1;
        for (int cut = full.length - 1; cut > 0; cut--) {
            byte[] part = Arrays.copyOf(full, cut);
            RecordingFile f;
            try {
                f = RecordingReader.parse(part);
            } catch (RecordingCorruptException e) {
                headerEnd = cut;
                break; // cut inside the header: rejected with a message, fine
            }
            assertFalse(f.complete(), "cut at " + cut);
            assertTrue(f.validUpTo() <= whole.validUpTo());
            // Every event of the prefix is an event of the whole, and none beyond the declared coverage.
            for (int i = 0; i < f.events().size(); i++) {
                assertEquals(whole.events().icount(i), f.events().icount(i));
                assertTrue(f.events().icount(i) < Math.max(1, f.validUpTo()) || f.damage() == null);
            }
            if (f.damage() != null) {
                assertTrue(f.damage().fileOffset() <= cut);
                assertTrue(f.damage().describe().contains("file offset"));
            }
        }
        assertTrue(headerEnd > 0);
    }

    @Test
    void flippedBitIsFoundAtItsChunk() throws Exception {
        byte[] full = sample(true);
        Random r = new Random(7);
        for (int t = 0; t < 300; t++) {
            byte[] bad = full.clone();
            int at = RecordingFormat.MAGIC.length + 60 + r.nextInt(full.length - RecordingFormat.MAGIC.length - 60);
            bad[at] ^= (byte) (1 << r.nextInt(8));
            RecordingFile f;
            try {
                f = RecordingReader.parse(bad);
            } catch (RecordingCorruptException e) {
                continue;
            }
            assertNotNull(f.damage(), "flip at " + at);
            assertTrue(f.damage().fileOffset() <= at && at - f.damage().fileOffset() < 4096,
                    "damage at " + f.damage().fileOffset() + " for flip at " + at);
        }
    }

    @Test
    void badMagicIsRejected() {
        RecordingCorruptException e = assertThrows(RecordingCorruptException.class,
                () -> RecordingReader.parse("hello world, not a recording".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("magic"));
        assertThrows(RecordingCorruptException.class, () -> RecordingReader.parse(new byte[0]));
    }

    @Test
    void unfinishedRecordingIsIncompleteButReadable() throws Exception {
        RecordingFile f = RecordingReader.parse(sample(false));
        assertNull(f.end());
        assertNull(f.damage());
        assertEquals(19_901, f.validUpTo());
    }

    @Test
    void chunkWithEditsGoingBackInTimeAddsNothing() throws Exception {
        // first chunk: an edit at 200, declaring coverage only up to 100 (a well-behaved writer never does this)
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        RecordingWriter w = new RecordingWriter(bos, header(), null);
        w.stateEdit(new StateEdit(200, StateEdit.Target.REGISTER, 5, new byte[]{1, 2, 3, 4}));
        w.flush(100);
        // second chunk, written by another writer: an input and an edit at 150, behind the first chunk's edit
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        RecordingWriter w2 = new RecordingWriter(other, header(), null);
        int chunkStart = other.size();
        w2.uart(150, new byte[]{42}, 0, 1);
        w2.stateEdit(new StateEdit(150, StateEdit.Target.REGISTER, 6, new byte[]{5, 6, 7, 8}));
        w2.flush(160);
        byte[] second = other.toByteArray();
        bos.write(second, chunkStart, second.length - chunkStart);

        RecordingFile f = RecordingReader.parse(bos.toByteArray());
        assertNotNull(f.damage());
        assertTrue(f.damage().describe().contains("state edits go back in time"), f.damage().describe());
        assertEquals(100, f.validUpTo());
        assertEquals(0, f.events().size(), "the rejected chunk's input must not stay");
        assertEquals(1, f.edits().size());
        assertEquals(200, f.edits().get(0).icount());
    }

    @Test
    void writerRejectsEventsBehindCoverage() throws Exception {
        RecordingWriter w = new RecordingWriter(new ByteArrayOutputStream(), header(), null);
        w.value(10, EventKind.RTC, 1);
        w.flush(50);
        assertThrows(IllegalArgumentException.class, () -> w.value(40, EventKind.RTC, 1));
    }
}
