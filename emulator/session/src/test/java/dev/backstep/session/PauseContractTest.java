package dev.backstep.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pause contract of DebugSession on bench.elf (about 4 * 10^8 instructions, seconds of running when nothing
 * stops it): a pause once a request has begun, announced or called, ends it, however early it comes; a pause when
 * none has begun does nothing. No sleeps: every wait is for a result, with a generous deadline.
 */
@Timeout(120)
class PauseContractTest {

    @Test
    void aPauseAfterTheAnnouncementEndsTheRequestBeforeItRunsAnything() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("bench.elf")), null)) {
            s.announceExecution();
            assertTrue(s.isRunning(), "an announced request has begun");
            s.pause();
            Stop st = s.resume();
            assertEquals(StopReason.PAUSE, st.reason(), st.description());
            assertEquals(0, st.icount(), "nothing ran");
            assertFalse(s.isRunning());
        }
    }

    @Test
    void aPauseWhenNoRequestHasBegunDoesNothing() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("bench.elf")), null)) {
            s.pause();
            Stop step = s.next(Granularity.INSTRUCTION);
            assertEquals(StopReason.STEP, step.reason(), step.description());
            assertEquals(1, step.icount());
            // nor does one that comes after its request has returned
            s.announceExecution();
            Stop again = s.next(Granularity.INSTRUCTION);
            s.pause();
            assertEquals(StopReason.STEP, again.reason(), again.description());
            Stop back = s.stepBack(Granularity.INSTRUCTION);
            assertEquals(StopReason.STEP, back.reason(), back.description());
            assertEquals(1, back.icount());
        }
    }

    /**
     * As a DAP server does it: the request is announced on one thread and runs on another, and the pause is sent
     * right after the announcement, so it lands before, during or just after the start of the run. Every round ends
     * paused, both ways of time; a lost pause would let the run go on to the program's end (or its start).
     */
    @Test
    void aPauseRightAfterTheAnnouncementIsNeverLost() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("bench.elf")), null)) {
            Stop forward = null;
            for (int round = 0; round < 40; round++) {
                s.announceExecution();
                Future<Stop> run = worker.submit(s::resume);
                s.pause();
                forward = run.get(60, TimeUnit.SECONDS);
                assertEquals(StopReason.PAUSE, forward.reason(), "round " + round + ": " + forward.description());
            }
            Stop far = s.seek(50_000_000);
            assertEquals(50_000_000, far.icount(), far.description());
            for (int round = 0; round < 10; round++) {
                // the pause comes before the request runs at all: with the execution index a reverse continue with no
                // breakpoint finishes in microseconds, so a pause sent after the submit would race with a finished
                // request (whose natural stop is then the right answer), not test the contract
                s.announceExecution();
                s.pause();
                Future<Stop> run = worker.submit(s::reverseContinue);
                Stop back = run.get(60, TimeUnit.SECONDS);
                assertEquals(StopReason.PAUSE, back.reason(), "round " + round + ": " + back.description());
                assertEquals(50_000_000, back.icount(), "a paused reverse scan stays where it began");
            }
        } finally {
            worker.shutdownNow();
        }
    }
}
