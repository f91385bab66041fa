package dev.backstep.replay.format;

import dev.backstep.machine.Activity;
import dev.backstep.replay.index.ExecutionIndex;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** INDEX chunks: windows written as they complete read back the same; repeats cost a reference; damage cuts them. */
class IndexChunksTest {
    private static RecordingHeader header() {
        return new RecordingHeader(RecordingFormat.VERSION, "ab12", "prog.elf", 128L << 20, 1, 1000, 42, "test");
    }

    private static Activity activity(int seed) {
        return new Activity(new int[] {0x40, 0x2000000 + seed}, new int[] {1, 0x8000_0001 | seed},
                new int[] {0x800000 + seed}, new long[] {1L << seed | Long.MIN_VALUE}, seed & 3, seed & 4);
    }

    private static byte[] sample(ExecutionIndex expect, boolean finish) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        RecordingWriter w = new RecordingWriter(bos, header(), null);
        w.enableIndex(10);
        for (int k = 0; k < 40; k++) {
            Activity a = activity(k % 3 == 0 ? 0 : k); // every third window the same
            w.value(k * 1024L + 5, EventKind.DIGEST, k);
            // windows complete out of order now and then
            long window = k % 7 == 3 ? k + 1 : k % 7 == 4 ? k - 1 : k;
            Activity wa = activity(window % 3 == 0 ? 0 : (int) window);
            w.indexWindow(window, wa);
            expect.put(window, wa);
            if (k % 5 == 4) {
                w.flush(k * 1024L + 1024);
            }
        }
        if (finish) {
            w.flush(40 * 1024L);
            w.indexTail(40, activity(7), 40 * 1024L + 100);
            expect.putTail(activity(7), 40 * 1024L + 100);
            w.finish(new RecordingEnd(40 * 1024L + 100, "EXIT PASS", 0));
        }
        w.close();
        return bos.toByteArray();
    }

    @Test
    void windowsReadBackAsWritten() throws Exception {
        ExecutionIndex expect = new ExecutionIndex(10);
        byte[] file = sample(expect, true);
        RecordingFile f = RecordingReader.parse(file);
        assertTrue(f.complete(), String.valueOf(f.damage()));
        assertEquals(expect, f.index());
        assertEquals(40, f.index().knownWindows());
        assertEquals(40 * 1024L + 100, f.index().tailEnd());
        assertTrue(f.index().distinctSummaries() < 30, "repeated summaries are shared");
    }

    @Test
    void aTruncatedFileKeepsTheWindowsItCovers() throws Exception {
        byte[] file = sample(new ExecutionIndex(10), false);
        for (int cut = file.length - 1; cut > file.length / 2; cut -= 7) {
            RecordingFile f = RecordingReader.parse(Arrays.copyOf(file, cut));
            if (f.index() == null) {
                continue;
            }
            for (long k = 0; k < f.index().windowSlots(); k++) {
                if (f.index().isComplete(k)) {
                    assertTrue(f.index().windowStart(k + 1) <= f.validUpTo(), "window " + k + " past " + f.validUpTo());
                }
            }
            assertNull(f.index().tail());
        }
    }

    @Test
    void anIndexChunkInAVersion1FileIsDamage() throws Exception {
        byte[] file = sample(new ExecutionIndex(10), true);
        // the header's version to 1, its checksum fixed: the INDEX chunks are then not allowed
        int at = RecordingFormat.MAGIC.length;
        int len = (file[at + 1] & 0xFF) | (file[at + 2] & 0xFF) << 8;
        file[at + 5] = 1;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(file, at, 5 + len);
        int c = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            file[at + 5 + len + i] = (byte) (c >>> (8 * i));
        }
        RecordingFile f = RecordingReader.parse(file);
        assertNotNull(f.damage());
        assertTrue(f.damage().describe().contains("INDEX chunk in a version 1"), f.damage().describe());
    }
}
