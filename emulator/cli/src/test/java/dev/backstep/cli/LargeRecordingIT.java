package dev.backstep.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A recording over 2 GiB read by {@code backstep info} in a JVM with a 192 MiB heap: the reader streams it a chunk at
 * a time. The file is sparse (its UART payloads are zeros, left as holes), so it takes ~20 MB of disk and a few
 * seconds; its chunks are real, checksummed ones after the header and ELF of a real recording of hello.elf.
 * {@code -Dbackstep.largeRecordingGiB=N} makes it N GiB (default 2.2).
 */
class LargeRecordingIT {
    private static final int EVENT_BYTES = 1 << 20; // the largest UART event the format allows
    private static final double GIB = Double.parseDouble(System.getProperty("backstep.largeRecordingGiB", "2.2"));

    @TempDir
    Path dir;

    @Test
    void infoStreamsARecordingOverTwoGibInASmallHeapAndNamesDamagePastTwoGib() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Terminal.jar()), "no " + Terminal.jar() + " (built in 'package')");
        Path small = dir.resolve("hello.bsr");
        assertEquals(0, CliRunner.run("record", CliRunner.example("hello.elf").toString(), "-o", small.toString(),
                "--quiet").status());
        byte[] prefix = headerAndElf(Files.readAllBytes(small));
        Path big = dir.resolve("big.bsr");
        int chunks = (int) Math.ceil(GIB * (1L << 30) / EVENT_BYTES);
        List<Long> offsets = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(big, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(prefix));
            long pos = prefix.length;
            byte[] zeros = new byte[EVENT_BYTES];
            for (int k = 0; k < chunks; k++) {
                offsets.add(pos);
                ByteBuffer head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
                head.put((byte) 3).putInt(0); // EVENTS, length patched below
                head.putLong(k == 0 ? 0 : (k - 1) * 1000L).putLong(k * 1000L + 1).putInt(1);
                uvarint(head, k == 0 ? 0 : 1000);
                head.put((byte) 1); // UART_RX
                uvarint(head, EVENT_BYTES);
                int payload = head.position() - 5 + EVENT_BYTES;
                head.putInt(1, payload);
                CRC32C crc = new CRC32C();
                crc.update(head.array(), 0, head.position());
                crc.update(zeros);
                ch.write(ByteBuffer.wrap(head.array(), 0, head.position()), pos);
                long crcAt = pos + 5 + payload; // the zeros between are a hole
                ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) crc.getValue()), crcAt);
                pos = crcAt + 4;
            }
            byte[] why = "LIMIT".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer end = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            end.put((byte) 4).putInt(8 + 1 + why.length + 4).putLong((chunks - 1) * 1000L + 1)
                    .put((byte) why.length).put(why).putInt(0);
            CRC32C crc = new CRC32C();
            crc.update(end.array(), 0, end.position());
            end.putInt((int) crc.getValue());
            ch.write(ByteBuffer.wrap(end.array(), 0, end.position()), pos);
        }
        long size = Files.size(big);
        assertTrue(size > (1L << 31), "over 2 GiB: " + size);

        Run info = java(big);
        assertEquals(0, info.status, info.output);
        assertTrue(info.output.contains(chunks + " UART RX (" + (long) chunks * EVENT_BYTES + " bytes)"), info.output);
        assertTrue(info.output.contains("file            " + size + " bytes"), info.output);
        assertTrue(info.output.contains("integrity       OK"), info.output);

        long late = offsets.get(chunks - 3);
        assertTrue(late > (1L << 31));
        try (FileChannel ch = FileChannel.open(big, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1}), late + 40); // inside the payload
        }
        Run damaged = java(big);
        assertEquals(ExitStatus.DAMAGED, damaged.status, damaged.output);
        assertTrue(damaged.output.contains("recording damaged at file offset " + late + " (EVENTS chunk): checksum"),
                damaged.output);
        assertTrue(damaged.output.contains("the recording replays exactly up to icount " + ((chunks - 4) * 1000L + 1)),
                damaged.output);
        assertTrue(damaged.output.contains("the run ended at icount " + ((chunks - 1) * 1000L + 1)), damaged.output);
    }

    record Run(int status, String output) {
    }

    private static Run java(Path recording) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-jar", Terminal.jar().toString(), "info", recording.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    /** The magic, HEADER and ELF chunks of a real recording. */
    private static byte[] headerAndElf(byte[] rec) {
        int pos = 8;
        for (int i = 0; i < 2; i++) {
            long len = ByteBuffer.wrap(rec, pos + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            assertEquals(i + 1, rec[pos]);
            pos += 9 + (int) len;
        }
        return java.util.Arrays.copyOf(rec, pos);
    }

    private static void uvarint(ByteBuffer b, long v) {
        while ((v & ~0x7FL) != 0) {
            b.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.put((byte) v);
    }
}
