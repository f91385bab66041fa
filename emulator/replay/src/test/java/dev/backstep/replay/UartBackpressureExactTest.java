package dev.backstep.replay;

import dev.backstep.machine.LiveInput;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.format.EventKind;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Host input with backpressure (a live source, 855 bytes queued at once for echo.elf): each byte is logged at the icount
 * it entered the UART, no more than the receiver could take; the recording replays to the same state, and going back
 * to any point gives the state a replay has there.
 */
class UartBackpressureExactTest {
    private static final TimelineOptions OPTS = TimelineOptions.defaults().withDigestInterval(10_000);

    @TempDir
    Path dir;

    @Test
    void everyByteIsLoggedWhereItEnteredAndRecordReplayAndReverseAgree() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sb.append(String.format("line %02d: abcdefg%n", i));
        }
        byte[] input = sb.append("quit\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        Path rec = dir.resolve("echo.bsr");
        try (Timeline t = Timeline.record(Examples.elf("echo"), rec, new LiveInput(new ByteArrayInputStream(input)),
                MachineConfig.defaults(), OPTS)) {
            TimelineStop end = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.EXIT, end.kind(), end.describe());
            assertEquals(0, end.exitCode());
            String out = new String(t.output().all(), StandardCharsets.ISO_8859_1);
            assertTrue(out.contains("LINE 49: ABCDEFG\n") && out.endsWith("bye after 51 lines\n"), out);
            long length = t.icount();
            long endDigest = t.machine().digest();

            RecordingFile f = RecordingReader.read(rec);
            int bytes = 0;
            for (int i = 0; i < f.events().size(); i++) {
                if (f.events().kind(i) == EventKind.UART_RX) {
                    assertEquals(1, f.events().dataLength(i), "echo leaves the FIFO off: one byte at a time");
                    bytes++;
                }
            }
            assertEquals(input.length, bytes, "every byte entered, none lost");

            try (Timeline r = Timeline.replay(rec, null, OPTS)) {
                assertEquals(TimelineStopKind.EXIT, r.runForward(StopSet.none(), Long.MAX_VALUE).kind());
                assertEquals(length, r.icount());
                assertEquals(endDigest, r.machine().digest());
                SplittableRandom random = new SplittableRandom(855);
                for (int k = 0; k < 12; k++) {
                    long at = random.nextLong(length);
                    t.seek(at);
                    r.seek(at);
                    assertEquals(at, t.icount());
                    assertEquals(r.machine().digest(), t.machine().digest(), "state at icount " + at);
                }
            }
        }
    }
}
