package dev.backstep.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Typed UART input (sendInput) on emulator/examples/echo.elf: live at the end, recorded, replayed exactly. */
@Timeout(120)
class ConsoleInputTest {
    private static final String ANSWER = "2 + 3 = 5\n";

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitOutput(Examples.Recorder out, String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            synchronized (out) {
                if (out.stdout.indexOf(text) >= 0) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no '" + text.strip() + "' in the output: " + out.stdout);
    }

    private static int count(Examples.Recorder out, String text) {
        synchronized (out) {
            return out.stdout.toString().split(java.util.regex.Pattern.quote(text), -1).length - 1;
        }
    }

    @Test
    void typedInputIsLiveAtTheEndRecordedAndReplayed(@TempDir Path tmp) throws Exception {
        Examples.Recorder out = new Examples.Recorder();
        Path saved = tmp.resolve("typed.bsr");
        long typedEnd;
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("echo.elf")), out)) {
            s.keepInputOpen(true);
            CompletableFuture<Stop> run = CompletableFuture.supplyAsync(() -> call(s::start));
            awaitOutput(out, "echo: type a line");
            s.sendInput(text("add 2 3\n"));
            awaitOutput(out, ANSWER);
            s.pause();
            Stop paused = run.get(30, TimeUnit.SECONDS);
            assertEquals(StopReason.PAUSE, paused.reason(), paused.description());
            typedEnd = paused.icount();
            assertEquals(1, count(out, ANSWER));

            // back before the input: typing there is refused; forward again: the same answer, not repeated
            Stop back = s.seek(typedEnd / 2);
            assertEquals(typedEnd / 2, back.icount());
            SessionException past = assertThrows(SessionException.class, () -> s.sendInput(text("count\n")));
            assertTrue(past.getMessage().contains("past"), past.getMessage());
            Stop again = s.seek(typedEnd);
            assertEquals(typedEnd, again.icount());
            assertEquals(1, count(out, ANSWER), out.stdout.toString());

            // at the end again: more input, then quit ends the program
            s.sendInput(text("quit\n"));
            Stop exit = s.resume();
            assertEquals(StopReason.EXITED, exit.reason(), exit.description());
            assertTrue(out.stdout.toString().contains("echo: bye after 2 lines"), out.stdout.toString());
            SessionException ended = assertThrows(SessionException.class, () -> s.sendInput(text("x\n")));
            assertTrue(ended.getMessage().contains("ended"), ended.getMessage());
            s.saveRecording(saved);
        }
        Examples.Recorder replayed = new Examples.Recorder();
        try (DebugSession r = DebugSession.open(LaunchSpec.replay(saved, null), replayed)) {
            Stop end = r.start();
            assertEquals(StopReason.EXITED, end.reason(), end.description());
            assertEquals(out.stdout.toString(), replayed.stdout.toString());
            SessionException replay = assertThrows(SessionException.class, () -> r.sendInput(text("count\n")));
            assertTrue(replay.getMessage().contains("replay"), replay.getMessage());
        }
    }

    @Test
    void withoutKeepingInputOpenTheHistoryEndsWhenTheQueueRunsDry() throws Exception {
        Examples.Recorder out = new Examples.Recorder();
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("echo.elf"))
                .withInput(text("add 2 3\n")).withStopOnEntry(true), out)) {
            assertEquals(StopReason.ENTRY, s.start().reason());
            s.sendInput(text("count\n")); // at icount 0, the live end: queued after the launch input
            Stop idle = s.resume();
            assertEquals(StopReason.IDLE, idle.reason(), idle.description());
            assertTrue(out.stdout.toString().contains(ANSWER + "2 lines so far\n"), out.stdout.toString());
            SessionException ended = assertThrows(SessionException.class, () -> s.sendInput(text("quit\n")));
            assertTrue(ended.getMessage().contains("history ended"), ended.getMessage());
        }
    }

    interface Call {
        Stop run() throws SessionException;
    }

    private static Stop call(Call c) {
        try {
            return c.run();
        } catch (SessionException e) {
            throw new IllegalStateException(e);
        }
    }
}
