package dev.backstep.replay;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.InputSink;
import dev.backstep.machine.LiveInput;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.format.EventKind;
import dev.backstep.replay.format.RecordingEnd;
import dev.backstep.replay.format.RecordingExporter;
import dev.backstep.replay.log.EventLog;
import dev.backstep.replay.log.InputEvents;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Pausing a live session whose guest sleeps in wfi waiting for typed input: cancel() must end the run at once
 * (the machine's interrupt wakes the blocked idle), record nothing for the cut-short wait, and leave a recording
 * that replays exactly; typing later goes on as if nothing happened.
 */
class PauseWhileWaitingTest {

    @TempDir
    Path dir;

    /** A keyboard: blocks in read() until the test types something; end() closes it. */
    static final class Keyboard extends InputStream {
        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> typed = new LinkedBlockingQueue<>();
        private byte[] cur = new byte[0];
        private int pos;

        void type(String s) {
            typed.add(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        void end() {
            typed.add(END);
        }

        @Override
        public int read() {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (pos >= cur.length) {
                try {
                    cur = typed.take();
                } catch (InterruptedException e) {
                    return -1;
                }
                pos = 0;
                if (cur == END) {
                    typed.add(END);
                    return -1;
                }
            }
            int n = Math.min(len, cur.length - pos);
            System.arraycopy(cur, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    @Test
    void cancelEndsAnIdleWaitAtOnceAndTheRecordingStaysExact() throws Exception {
        Keyboard kb = new Keyboard();
        kb.type("hello world\n");
        StringBuilder out = new StringBuilder();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Path rec = dir.resolve("echo.bsr");
        try (Timeline t = Timeline.record(Examples.elf("echo"), rec, new LiveInput(kb), MachineConfig.defaults(),
                TimelineOptions.defaults())) {
            t.setListener(new TimelineListener() {
                @Override
                public void output(byte b, long icount) {
                    synchronized (out) {
                        out.append((char) b);
                    }
                }
            });
            for (int round = 0; round < 3; round++) {
                Future<TimelineStop> run = pool.submit(() -> t.runForward(StopSet.none(), Long.MAX_VALUE));
                // let it answer the typed line and go to sleep waiting for the next one
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!t.machine().hart().waitingForInterrupt() || !outputHas(out, "HELLO WORLD")) {
                    assertTrue(System.nanoTime() < deadline, "the guest never went to wait for input: " + out);
                    Thread.sleep(5);
                }
                Thread.sleep(50);
                long asked = System.nanoTime();
                t.cancel();
                TimelineStop s = run.get(10, TimeUnit.SECONDS);   // before interrupt(): blocked for ever
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
                System.out.println("pause while waiting for input took " + ms + " ms (round " + round + ")");
                assertEquals(TimelineStopKind.CANCELLED, s.kind(), s.describe());
                assertTrue(t.machine().hart().waitingForInterrupt(), "still in the wait");
            }
            long pausedAt = t.icount();
            assertNoInterruptedIdle(t.events());
            // a step back and forth over the pause point changes nothing
            t.stepBack();
            t.seek(pausedAt);
            long digest = t.machine().digest();

            // the recording so far replays exactly to the pause point
            Path saved = dir.resolve("saved.bsr");
            RecordingExporter.export(t.recordingSoFar(), new RecordingEnd(t.recordedLength(), "DETACHED", 0), saved);
            try (Timeline r = Timeline.replay(saved, null, TimelineOptions.defaults())) {
                TimelineStop end = r.runForward(StopSet.none(), Long.MAX_VALUE);
                assertEquals(TimelineStopKind.END_OF_RECORDING, end.kind(), end.describe());
                assertNull(r.divergence());
                assertEquals(pausedAt, r.icount());
                assertEquals(digest, r.machine().digest());
            }

            // typing goes on: the program finishes as if never paused
            kb.type("quit\n");
            TimelineStop fin = pool.submit(() -> t.runForward(StopSet.none(), Long.MAX_VALUE)).get(20, TimeUnit.SECONDS);
            assertEquals(TimelineStopKind.EXIT, fin.kind(), fin.describe());
            assertTrue(outputHas(out, "bye"), out.toString());
            assertNoInterruptedIdle(t.events());
        } finally {
            kb.end();
            pool.shutdownNow();
        }
        // the finished file replays to the same end without divergence
        try (Timeline r = Timeline.replay(rec, null, TimelineOptions.defaults())) {
            TimelineStop end = r.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.EXIT, end.kind(), end.describe());
            assertNull(r.divergence());
        }
    }

    private static boolean outputHas(StringBuilder out, String s) {
        synchronized (out) {
            return out.indexOf(s) >= 0;
        }
    }

    private static void assertNoInterruptedIdle(InputEvents log) {
        for (int i = 0; i < log.size(); i++) {
            if (log.kind(i) == EventKind.IDLE) {
                assertNotEquals(ExternalInput.IDLE_INTERRUPTED, log.value(i), "a cut-short wait was logged at " + log.icount(i));
            }
        }
    }

    @Test
    void timelineInputForwardsWakeAndIsLiveOnlyPastTheLog() throws Exception {
        AtomicInteger wakes = new AtomicInteger();
        ExternalInput host = new ExternalInput() {
            @Override
            public long nextEventIcount(long now) {
                return Long.MAX_VALUE;
            }

            @Override
            public void deliver(long now, InputSink sink) {
            }

            @Override
            public long rtcNanos(long now) {
                return 7;
            }

            @Override
            public long idle(long now) {
                return wakes.get() > 0 ? IDLE_INTERRUPTED : 3;
            }

            @Override
            public void wake() {
                wakes.incrementAndGet();
            }
        };
        EventLog log = new EventLog();
        log.appendValue(5, EventKind.RTC, 1);
        dev.backstep.replay.format.RecordingWriter w = new dev.backstep.replay.format.RecordingWriter(
                java.io.OutputStream.nullOutputStream(), new dev.backstep.replay.format.RecordingHeader(1, "00", "x", 1 << 20,
                1, 1000, 0, "test"), null);
        TimelineInput in = new TimelineInput(log, host, w, 10);
        assertFalse(in.isLive(), "events still to serve from the log");
        assertEquals(1, in.rtcNanos(5));
        assertTrue(in.isLive(), "log used up, host live");
        in.wake();
        assertEquals(1, wakes.get());
        assertEquals(ExternalInput.IDLE_INTERRUPTED, in.idle(12));
        assertEquals(1, log.size(), "IDLE_INTERRUPTED is not logged");
        assertFalse(new TimelineInput(new EventLog(), null, null, Long.MAX_VALUE).isLive(), "replay is never live");
        assertFalse(new TimelineInput(new EventLog(), ExternalInput.none(), w, 0).isLive(), "no input is not live");
    }
}
