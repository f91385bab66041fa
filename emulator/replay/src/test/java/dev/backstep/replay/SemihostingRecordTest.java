package dev.backstep.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.HostSemihosting;
import dev.backstep.machine.InputSink;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.SemihostCall;
import dev.backstep.machine.SemihostReply;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.replay.stop.TimelineStopKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semihosting in a recording (emulator/examples/semihost.elf: console output, the command line, a file written, read
 * and removed, host clocks): the host answers once, live; going back and running the same stretch again, and
 * replaying the file, serve the recorded answers and never ask the host again (so no file is written twice).
 */
class SemihostingRecordTest {
    private static final MachineConfig CFG = MachineConfig.builder().semihosting(true)
            .semihostingCmdline("semihost.elf alpha beta").build();

    /** The host of a live session, with a log of what it was asked. */
    static final class CountingHost implements ExternalInput {
        final HostSemihosting host;
        final List<SemihostCall.Kind> asked = new ArrayList<>();

        CountingHost(Path dir) throws IOException {
            host = new HostSemihosting(dir);
        }

        @Override
        public long nextEventIcount(long now) {
            return Long.MAX_VALUE;
        }

        @Override
        public void deliver(long now, InputSink sink) {
        }

        @Override
        public long rtcNanos(long now) {
            return 0;
        }

        @Override
        public long idle(long now) {
            return -1;
        }

        @Override
        public boolean isLive() {
            return false;
        }

        @Override
        public SemihostReply semihost(long now, SemihostCall call) {
            asked.add(call.kind());
            return call.kind() == SemihostCall.Kind.CONSOLE_READ ? SemihostReply.of(0) : host.call(call);
        }
    }

    @Test
    void theHostAnswersOnceAndReplaysServeTheRecordedAnswers(@TempDir Path dir, @TempDir Path other)
            throws IOException {
        Path rec = dir.resolve("run.bsr");
        Path files = Files.createDirectory(dir.resolve("files"));
        CountingHost live = new CountingHost(files);
        byte[] firstOutput;
        long end;
        try (Timeline t = Timeline.record(Examples.elf("semihost"), rec, live, CFG, TimelineOptions.defaults())) {
            assertEquals(TimelineStopKind.EXIT, t.runForward(StopSet.none(), Long.MAX_VALUE).kind());
            end = t.icount();
            firstOutput = t.output().all();
            String text = new String(firstOutput, StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("argv[2] = \"alpha\""), text);
            assertTrue(text.contains("from byte 14: \"1: second line"), text);
            int asked = live.asked.size();
            assertTrue(live.asked.contains(SemihostCall.Kind.WRITE), "the file was written: " + live.asked);
            assertTrue(live.asked.contains(SemihostCall.Kind.REMOVE), "and removed: " + live.asked);

            // back to the start, then forward over the whole run again: the recorded answers, not the host
            t.seek(0);
            assertEquals(TimelineStopKind.EXIT, t.runForward(StopSet.none(), Long.MAX_VALUE).kind());
            assertEquals(end, t.icount());
            assertEquals(asked, live.asked.size(), "the host was asked again: " + live.asked);
            // and back into the middle, one step back from the end
            t.seek(end / 2);
            t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(asked, live.asked.size());
        } finally {
            live.host.closeAll();
        }
        try (var s = Files.list(files)) {
            assertEquals(0, s.count(), "the program removed its file");
        }

        // the recording replays anywhere: no host, no folder
        RecordingFile f = RecordingReader.read(rec);
        assertTrue(f.header().semihosting());
        assertEquals("semihost.elf alpha beta", f.header().semihostingCmdline());
        try (Timeline t = Timeline.replay(rec, null, TimelineOptions.defaults())) {
            assertEquals(TimelineStopKind.EXIT, t.runForward(StopSet.none(), Long.MAX_VALUE).kind());
            assertEquals(end, t.icount());
            assertArrayEquals(firstOutput, t.output().all());
        }
    }
}
