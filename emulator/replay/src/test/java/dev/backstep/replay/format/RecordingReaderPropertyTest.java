package dev.backstep.replay.format;

import dev.backstep.replay.log.InputEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Seeded property tests of the recording reader: random event streams written by {@link RecordingWriter} read back
 * the same, in memory and from a file with a tiny decoded-chunk cache (so random access reloads chunks), in any
 * access order; and a file with one random bit flipped or cut anywhere past its header reads as a prefix of the
 * original (never more, never different), with a damage report. {@code -Dbackstep.properties=N} runs N seeds.
 */
class RecordingReaderPropertyTest {
    private static final int RUNS = Integer.getInteger("backstep.properties", 40);

    @TempDir
    Path dir;

    record Ev(long icount, EventKind kind, long value, byte[] data) {
    }

    record Sample(byte[] bytes, List<Ev> inputs, long covered, boolean finished) {
    }

    private static Sample sample(SplittableRandom r) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        RecordingHeader h = new RecordingHeader(RecordingFormat.VERSION, "00", "p.elf", 1 << 20, 1, 1000, 0, "t");
        byte[] elf = new byte[r.nextInt(1, 3000)];
        r.nextBytes(elf);
        RecordingWriter w = new RecordingWriter(bos, h, elf);
        List<Ev> inputs = new ArrayList<>();
        long icount = 0;
        long covered = 0;
        long lastDigest = -1;
        int n = r.nextInt(0, 3000);
        for (int i = 0; i < n; i++) {
            icount += r.nextInt(4) == 0 ? 0 : r.nextLong(1, 5000);
            switch (r.nextInt(5)) {
                case 0, 1 -> {
                    byte[] d = new byte[r.nextInt(1, r.nextInt(10) == 0 ? 5000 : 40)];
                    r.nextBytes(d);
                    w.uart(icount, d, 0, d.length);
                    inputs.add(new Ev(icount, EventKind.UART_RX, 0, d));
                }
                case 2 -> {
                    long v = r.nextLong();
                    w.value(icount, EventKind.RTC, v);
                    inputs.add(new Ev(icount, EventKind.RTC, v, new byte[0]));
                }
                case 3 -> {
                    long v = r.nextLong(-1, 1L << 40);
                    w.value(icount, EventKind.IDLE, v);
                    inputs.add(new Ev(icount, EventKind.IDLE, v, new byte[0]));
                }
                default -> {
                    if (icount > lastDigest) {
                        w.value(icount, EventKind.DIGEST, r.nextLong());
                        lastDigest = icount;
                    }
                }
            }
            if (r.nextInt(30) == 0) {
                covered = icount + 1;
                w.flush(covered);
                icount = covered;
            }
        }
        covered = icount + 1;
        w.flush(covered);
        boolean finish = r.nextBoolean();
        if (finish) {
            w.finish(new RecordingEnd(covered, "EXIT PASS", 0));
        }
        w.close();
        return new Sample(bos.toByteArray(), inputs, covered, finish);
    }

    private static void assertSame(List<Ev> expected, InputEvents got, int count, SplittableRandom r, String what) {
        assertEquals(count, got.size(), what);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i : order) {
            Ev e = expected.get(i);
            assertEquals(e.icount(), got.icount(i), what + " icount of " + i);
            assertEquals(e.kind(), got.kind(i), what + " kind of " + i);
            if (e.kind() == EventKind.UART_RX) {
                assertArrayEquals(e.data(), got.data(i), what + " data of " + i);
                assertEquals(e.data().length, got.dataLength(i));
            } else {
                assertEquals(e.value(), got.value(i), what + " value of " + i);
            }
        }
        for (int k = 0; k < 20 && count > 0; k++) {
            long at = r.nextLong(0, expected.get(count - 1).icount() + 2);
            int want = 0;
            while (want < count && expected.get(want).icount() < at) {
                want++;
            }
            assertEquals(want, got.firstAtOrAfter(at), what + " firstAtOrAfter " + at);
        }
    }

    @Test
    void whatIsWrittenReadsBackTheSameInMemoryAndFromAFileInAnyOrder() throws Exception {
        for (int seed = 0; seed < RUNS; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            Sample s = sample(r);
            RecordingFile mem = RecordingReader.parse(s.bytes());
            assertNull(mem.damage(), "seed " + seed);
            assertEquals(s.finished(), mem.end() != null);
            assertEquals(s.covered(), mem.validUpTo(), "seed " + seed);
            assertSame(s.inputs(), mem.events(), s.inputs().size(), r, "seed " + seed + " in memory");
            Path p = dir.resolve("s" + seed + ".bsr");
            Files.write(p, s.bytes());
            RecordingFile file = RecordingReader.read(p, 4096);
            assertSame(s.inputs(), file.events(), s.inputs().size(), r, "seed " + seed + " from the file");
            assertEquals(mem.digests().size(), file.digests().size());
        }
    }

    @Test
    void oneFlippedBitOrACutAnywhereReadsAsAPrefixWithADamageReport() throws Exception {
        for (int seed = 0; seed < RUNS * 3; seed++) {
            SplittableRandom r = new SplittableRandom(1000 + seed);
            Sample s = sample(r);
            byte[] bad;
            int headerEnd = RecordingFormat.MAGIC.length + RecordingFormat.CHUNK_OVERHEAD
                    + ((s.bytes()[9] & 0xFF) | (s.bytes()[10] & 0xFF) << 8);
            int at = r.nextInt(headerEnd, s.bytes().length);
            boolean cut = r.nextBoolean();
            if (cut) {
                bad = Arrays.copyOf(s.bytes(), at);
            } else {
                bad = s.bytes().clone();
                bad[at] ^= (byte) (1 << r.nextInt(8));
            }
            String what = "seed " + (1000 + seed) + (cut ? " cut at " : " flip at ") + at + " of " + s.bytes().length;
            RecordingFile f = RecordingReader.parse(bad);
            assertTrue(f.damage() != null || cut && f.end() == null, what);
            if (f.damage() != null) {
                assertTrue(f.damage().fileOffset() <= at && f.damage().fileOffset() >= headerEnd, what);
                assertTrue(f.damage().describe().contains("file offset " + f.damage().fileOffset()), what);
            }
            assertTrue(f.validUpTo() <= s.covered(), what);
            int kept = f.events().size();
            assertTrue(kept <= s.inputs().size(), what);
            assertSame(s.inputs(), f.events(), kept, r, what);
            for (int i = 0; i < kept; i++) {
                assertTrue(f.events().icount(i) <= Math.max(f.validUpTo(), 0) || f.validUpTo() == s.covered(), what);
            }
        }
    }
}
