package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.dap.protocol.InfoArguments;
import dev.backstep.dap.protocol.SaveRecordingArguments;
import dev.backstep.replay.Replayer;
import dev.backstep.replay.RunSummary;
import dev.backstep.replay.TimelineOptions;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backstep/saveRecording on the real session: a record session that keeps its history in memory (what VS Code
 * users get by default) saves a recording that replays, on the command line's replayer and in a replay launch.
 */
class SaveRecordingTest {
    private static final int LINE_CHECK = 67;

    @TempDir
    Path dir;
    private Path elf;
    private Path source;
    private TestClient client;

    @BeforeEach
    void setUp() {
        elf = TestClient.example("corrupt.elf");
        source = TestClient.example("corrupt.c");
        Assumptions.assumeTrue(Files.isRegularFile(elf), elf + " not found");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
    }

    private StoppedEventArguments launch(Map<String, Object> args, int... lines) throws Exception {
        if (client != null) {
            client.close();
        }
        client = new TestClient(SessionFactory.DEFAULT);
        client.initializeAndLaunch(false, args);
        if (lines.length > 0) {
            client.setLineBreakpoints(source, lines);
        }
        TestClient.get(client.server.configurationDone(new ConfigurationDoneArguments()));
        return client.nextStop();
    }

    private Map<String, Object> record(Path recording) {
        Map<String, Object> args = new HashMap<>();
        args.put("program", elf.toString());
        args.put("stopOnEntry", false);
        if (recording != null) {
            args.put("recording", recording.toString());
        }
        return args;
    }

    private Map<String, Object> replay(Path recording) {
        Map<String, Object> args = new HashMap<>();
        args.put("mode", "replay");
        args.put("recording", recording.toString());
        args.put("stopOnEntry", true);
        return args;
    }

    private StoppedEventArguments continueToStop() throws Exception {
        ContinueArguments c = new ContinueArguments();
        c.setThreadId(1);
        TestClient.get(client.server.continue_(c));
        return client.nextStop();
    }

    private void save(Path path) throws Exception {
        SaveRecordingArguments a = new SaveRecordingArguments();
        a.setPath(path.toString());
        TestClient.get(client.server.saveRecording(a));
    }

    /** Changes the global 'alarms' at the live end: a state edit the saved recording must carry. */
    private void setAlarms(String value) throws Exception {
        int frameId = client.top().getId();
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(frameId);
        var globals = java.util.Arrays.stream(TestClient.get(client.server.scopes(sa)).getScopes())
                .filter(x -> x.getName().startsWith("Globals")).findFirst().orElseThrow();
        SetVariableArguments sv = new SetVariableArguments();
        sv.setVariablesReference(globals.getVariablesReference());
        sv.setName("alarms");
        sv.setValue(value);
        assertEquals(value, TestClient.get(client.server.setVariable(sv)).getValue());
    }

    @Test
    void aFinishedInMemorySessionSavesARecordingThatReplaysToTheSameEnd() throws Exception {
        assertEquals("breakpoint", launch(record(null), LINE_CHECK).getReason());
        assertNull(TestClient.get(client.server.info(new InfoArguments())).getRecording(), "kept in memory");
        setAlarms("3");
        StoppedEventArguments end = continueToStop();
        assertEquals("exited", end.getReason(), end.getDescription());
        ExitedEventArguments exited = client.next("exited");
        assertTrue(end.getDescription().contains("code " + exited.getExitCode()), end.getDescription());
        assertTrue(client.history("terminated").isEmpty(), "the session stays, to go back in time");
        long endIcount = client.icount();

        Path saved = dir.resolve("corrupt.bsr");
        save(saved);
        RecordingFile f = RecordingReader.read(saved);
        assertTrue(f.complete(), "saved with its END");
        assertEquals(endIcount, f.end().finalIcount());
        assertEquals(exited.getExitCode(), f.end().exitCode());
        assertEquals(1, f.edits().size(), "the changed variable travels with the recording: " + f.edits());
        RunSummary r = new Replayer().replay(saved, null, TimelineOptions.defaults(), null);
        assertTrue(r.ok(), r.describe());
        assertEquals(endIcount, r.icount());

        assertEquals("entry", launch(replay(saved)).getReason());
        assertEquals("replay", TestClient.get(client.server.info(new InfoArguments())).getMode());
        StoppedEventArguments replayed = continueToStop();
        assertTrue(replayed.getDescription().contains("icount " + endIcount), replayed.getDescription());
        assertTrue(replayed.getDescription().toLowerCase().matches(".*(end|exit).*"), replayed.getDescription());
    }

    @Test
    void aSessionStillRunningSavesUpToWhereItHasBeen() throws Exception {
        launch(record(null), LINE_CHECK);
        long frontier = client.icount();
        Path saved = dir.resolve("partial.bsr");
        save(saved);
        RecordingFile f = RecordingReader.read(saved);
        assertTrue(f.complete());
        assertEquals(frontier, f.validUpTo());
        assertEquals("DETACHED", f.end().stopReason());

        launch(replay(saved));
        StoppedEventArguments end = continueToStop();
        assertTrue(end.getDescription().contains("icount " + frontier), end.getDescription());
        assertTrue(end.getDescription().toLowerCase().contains("end"), end.getDescription());
    }

    @Test
    void aSessionWithARecordingFileSavesACompleteCopyElsewhere() throws Exception {
        Path launchFile = dir.resolve("launch.bsr");
        launch(record(launchFile), LINE_CHECK);
        long frontier = client.icount();
        save(launchFile); // where it writes already: nothing to do, no error
        Path copy = dir.resolve("copy.bsr");
        save(copy);
        RecordingFile f = RecordingReader.read(copy);
        assertTrue(f.complete(), "the copy has an END although the launch file has none yet");
        assertEquals(frontier, f.validUpTo());
        RunSummary r = new Replayer().replay(copy, null, TimelineOptions.defaults(), null);
        assertTrue(r.ok(), r.describe());

        SaveRecordingArguments bad = new SaveRecordingArguments();
        bad.setPath(dir.resolve("no/such/folder/x.bsr").toString());
        assertTrue(TestClient.error(client.server.saveRecording(bad)).contains("does not exist"));
    }
}
