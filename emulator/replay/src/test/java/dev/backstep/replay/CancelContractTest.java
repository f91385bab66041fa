package dev.backstep.replay;

import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cancel contract of timeline operations: a request that comes before an operation begins applies to it (it is
 * not lost), an operation that ends uses the request up, and clearCancel() drops a request nobody wants any more.
 */
class CancelContractTest {
    @TempDir
    Path dir;

    private Timeline replayOfHello() throws IOException {
        Path rec = dir.resolve("hello.bsr");
        Examples.record("hello", rec, TimelineOptions.defaults());
        return Timeline.replay(rec, null, TimelineOptions.defaults());
    }

    @Test
    void aRequestBeforeAnOperationEndsItAtOnceAndIsUsedUp() throws IOException {
        try (Timeline t = replayOfHello()) {
            long end = t.recordedLength();
            t.seek(100);
            t.cancel(); // no operation runs
            assertTrue(t.cancelPending());
            TimelineStop s = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.CANCELLED, s.kind(), s.describe());
            assertEquals(100, t.icount(), "ended before running anything");
            assertFalse(t.cancelPending(), "used up by the operation it ended");
            TimelineStop again = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.EXIT, again.kind(), again.describe());
            assertEquals(end, again.icount());
        }
    }

    @Test
    void reverseOperationsHonourAnEarlyRequestAndStayPut() throws IOException {
        try (Timeline t = replayOfHello()) {
            t.seek(Long.MAX_VALUE);
            long end = t.icount();
            t.cancel();
            TimelineStop s = t.reverseContinue(StopSet.none());
            assertEquals(TimelineStopKind.CANCELLED, s.kind(), s.describe());
            assertTrue(s.backward());
            assertEquals(end, t.icount(), "a cancelled reverse continue stays where it started");
            assertEquals(TimelineStopKind.START_OF_RECORDING, t.reverseContinue(StopSet.none()).kind());
        }
    }

    @Test
    void anOperationThatEndsForAnotherReasonUsesTheRequestUpToo() throws IOException {
        try (Timeline t = replayOfHello()) {
            t.cancel();
            TimelineStop s = t.stepBack(); // at icount 0: ends at once, START_OF_RECORDING
            assertEquals(TimelineStopKind.START_OF_RECORDING, s.kind());
            assertFalse(t.cancelPending());
            assertEquals(TimelineStopKind.REACHED, t.seek(50).kind());
        }
    }

    @Test
    void clearCancelDropsAPendingRequest() throws IOException {
        try (Timeline t = replayOfHello()) {
            t.cancel();
            t.clearCancel();
            assertFalse(t.cancelPending());
            TimelineStop s = t.seek(100);
            assertEquals(TimelineStopKind.REACHED, s.kind());
            assertEquals(100, t.icount());
        }
    }
}
