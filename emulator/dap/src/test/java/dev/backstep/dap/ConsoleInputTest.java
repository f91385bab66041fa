package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.dap.protocol.InfoArguments;
import dev.backstep.dap.protocol.InputArguments;
import dev.backstep.dap.protocol.SaveRecordingArguments;
import dev.backstep.dap.protocol.SeekArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** backstep/input on emulator/examples/echo.elf: typed while it runs, recorded, not repeated, replayed. */
@Timeout(180)
class ConsoleInputTest {
    private static final String ANSWER = "2 + 3 = 5";
    private Path elf;

    @BeforeEach
    void setUp() {
        elf = TestClient.example("echo.elf");
        Assumptions.assumeTrue(Files.isRegularFile(elf), elf + " not found");
    }

    private static String stdout(TestClient c) {
        StringBuilder sb = new StringBuilder();
        for (TestClient.Event e : c.history("output")) {
            OutputEventArguments o = (OutputEventArguments) e.body();
            if ("stdout".equals(o.getCategory())) {
                sb.append(o.getOutput());
            }
        }
        return sb.toString();
    }

    private static void awaitStdout(TestClient c, String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestClient.TIMEOUT_S);
        while (!stdout(c).contains(text)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no '" + text + "' in the output: " + stdout(c));
            }
            Thread.sleep(5);
        }
    }

    private static int count(String haystack, String needle) {
        return haystack.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    private static InputArguments input(String text) {
        InputArguments a = new InputArguments();
        a.setText(text);
        return a;
    }

    private static void launch(TestClient c, Map<String, Object> args) throws Exception {
        TestClient.get(c.server.initialize(c.initArgs(false)));
        TestClient.get(c.server.launch(args));
        c.next("initialized");
        TestClient.get(c.server.configurationDone(new ConfigurationDoneArguments()));
    }

    @Test
    void typedInputReachesTheGuestIsRecordedAndReplays(@TempDir Path tmp) throws Exception {
        Path saved = tmp.resolve("typed.bsr");
        String firstRun;
        try (TestClient c = new TestClient(SessionFactory.DEFAULT)) {
            Map<String, Object> args = new HashMap<>();
            args.put("program", elf.toString());
            args.put("consoleInput", true);
            launch(c, args);
            awaitStdout(c, "echo: type a line");
            TestClient.get(c.server.input(input("add 2 3\n")));
            awaitStdout(c, ANSWER);

            TestClient.get(c.server.pause(new PauseArguments()));
            StoppedEventArguments paused = c.nextStop();
            assertEquals("pause", paused.getReason(), paused.getDescription());
            long end = TestClient.get(c.server.info(new InfoArguments())).getIcount();

            // back across the input: typing in the past is refused
            SeekArguments seek = new SeekArguments();
            seek.setIcount(end / 2);
            TestClient.get(c.server.seek(seek));
            c.nextStop();
            String past = TestClient.error(c.server.input(input("count\n")));
            assertTrue(past.contains("past"), past);

            // forward again: re-executed from the recording, the answer is not printed twice
            ContinueArguments cont = new ContinueArguments();
            cont.setThreadId(1);
            TestClient.get(c.server.continue_(cont));
            TestClient.get(c.server.input(input("quit\n")));
            StoppedEventArguments exit = c.nextStop();
            assertEquals("exited", exit.getReason(), exit.getDescription());
            firstRun = stdout(c);
            assertEquals(1, count(firstRun, ANSWER), firstRun);
            assertTrue(firstRun.contains("echo: bye after 2 lines"), firstRun);
            String ended = TestClient.error(c.server.input(input("count\n")));
            assertTrue(ended.contains("ended"), ended);

            SaveRecordingArguments save = new SaveRecordingArguments();
            save.setPath(saved.toString());
            TestClient.get(c.server.saveRecording(save));
        }
        try (TestClient r = new TestClient(SessionFactory.DEFAULT)) {
            launch(r, Map.of("mode", "replay", "recording", saved.toString(), "program", elf.toString()));
            StoppedEventArguments exit = r.nextStop();
            assertEquals("exited", exit.getReason(), exit.getDescription());
            assertEquals(firstRun, stdout(r));
            String replay = TestClient.error(r.server.input(input("count\n")));
            assertTrue(replay.contains("replay"), replay);
        }
    }

    @Test
    void badArgumentsAreClearErrors() throws Exception {
        try (TestClient c = new TestClient(SessionFactory.DEFAULT)) {
            TestClient.get(c.server.initialize(c.initArgs(false)));
            String bad = TestClient.error(c.server.launch(Map.of("program", elf.toString(), "consoleInput", "yes")));
            assertTrue(bad.contains("consoleInput"), bad);
            String none = TestClient.error(c.server.input(input("x")));
            assertTrue(none.contains("launch"), none);
            TestClient.get(c.server.launch(Map.of("program", elf.toString(), "stopOnEntry", true)));
            String noText = TestClient.error(c.server.input(new InputArguments()));
            assertTrue(noText.contains("'text'"), noText);
        }
    }
}
