package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.dap.protocol.InfoArguments;
import dev.backstep.dap.protocol.InfoResponse;
import dev.backstep.dap.protocol.SeekArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.ValueFormat;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol layer over piped streams against a scripted session: lifecycle, state, errors, threading. */
class ProtocolTest {
    @TempDir
    Path dir;
    Path elf;
    final AtomicReference<FakeSession> session = new AtomicReference<>();
    TestClient client;

    @BeforeEach
    void setUp() throws Exception {
        elf = Files.write(dir.resolve("p.elf"), new byte[] {0x7f, 'E', 'L', 'F'});
        client = new TestClient((spec, listener) -> {
            FakeSession s = new FakeSession(spec, listener);
            session.set(s);
            return s;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
    }

    private Map<String, Object> launchArgs(boolean stopOnEntry) {
        Map<String, Object> a = new HashMap<>();
        a.put("program", elf.toString());
        a.put("stopOnEntry", stopOnEntry);
        return a;
    }

    private StoppedEventArguments launchStopped(boolean progress) throws Exception {
        Capabilities caps = TestClient.get(client.server.initialize(client.initArgs(progress)));
        assertTrue(caps.getSupportsStepBack());
        TestClient.get(client.server.launch(launchArgs(true)));
        client.next("initialized");
        TestClient.get(client.server.configurationDone(new ConfigurationDoneArguments()));
        return client.nextStop();
    }

    @Test
    void initializeClaimsReverseDebugging() throws Exception {
        Capabilities caps = TestClient.get(client.server.initialize(client.initArgs(false)));
        assertTrue(caps.getSupportsStepBack());
        assertTrue(caps.getSupportsConfigurationDoneRequest());
        assertTrue(caps.getSupportsDataBreakpoints());
        assertTrue(caps.getSupportsDisassembleRequest());
        assertEquals(3, caps.getExceptionBreakpointFilters().length);
    }

    @Test
    void stopOnEntryThenStepBothWays() throws Exception {
        StoppedEventArguments entry = launchStopped(false);
        assertEquals("entry", entry.getReason());
        assertTrue(entry.getDescription().contains("icount 0"), entry.getDescription());

        NextArguments next = new NextArguments();
        next.setThreadId(1);
        TestClient.get(client.server.next(next));
        StoppedEventArguments s = client.nextStop();
        assertEquals("step", s.getReason());
        assertTrue(s.getDescription().contains("icount 10"), s.getDescription());

        StepBackArguments back = new StepBackArguments();
        back.setThreadId(1);
        back.setGranularity(SteppingGranularity.INSTRUCTION);
        TestClient.get(client.server.stepBack(back));
        s = client.nextStop();
        assertEquals("Paused on step back at icount 9", s.getDescription());

        back.setGranularity(null);
        TestClient.get(client.server.stepBack(back));
        assertTrue(client.nextStop().getDescription().contains("icount 0"));
        TestClient.get(client.server.stepBack(back));
        StoppedEventArguments start = client.nextStop();
        assertTrue(start.getDescription().toLowerCase().contains("start of recording"), start.getDescription());
    }

    @Test
    void breakpointsContinueReverseContinueAndOutputOnce() throws Exception {
        launchStopped(false);
        SetBreakpointsArguments sb = new SetBreakpointsArguments();
        Source src = new Source();
        src.setPath("/src/fake.c");
        sb.setSource(src);
        SourceBreakpoint b1 = new SourceBreakpoint();
        b1.setLine(3);
        SourceBreakpoint b2 = new SourceBreakpoint();
        b2.setLine(8);
        sb.setBreakpoints(new SourceBreakpoint[] {b1, b2});
        var resp = TestClient.get(client.server.setBreakpoints(sb));
        assertEquals(2, resp.getBreakpoints().length);
        assertTrue(resp.getBreakpoints()[0].isVerified());
        assertEquals(3, resp.getBreakpoints()[0].getLine());

        ContinueArguments c = new ContinueArguments();
        c.setThreadId(1);
        TestClient.get(client.server.continue_(c));
        assertEquals("breakpoint", client.nextStop().getReason());
        TestClient.get(client.server.continue_(c));
        StoppedEventArguments second = client.nextStop();
        assertTrue(second.getDescription().contains("icount 80"), second.getDescription());

        ReverseContinueArguments rc = new ReverseContinueArguments();
        rc.setThreadId(1);
        TestClient.get(client.server.reverseContinue(rc));
        StoppedEventArguments back = client.nextStop();
        assertTrue(back.getDescription().contains("icount 30"), back.getDescription());
        TestClient.get(client.server.continue_(c));
        client.nextStop();
        TestClient.get(client.server.continue_(c));
        StoppedEventArguments exit = client.nextStop();
        assertEquals("exited", exit.getReason());

        long outputs = client.history("output").stream()
                .map(e -> ((OutputEventArguments) e.body()))
                .filter(o -> "stdout".equals(o.getCategory())).count();
        assertEquals(1, outputs, "the guest's output must be reported once, however often it is replayed");
    }

    @Test
    void runToLineGoesEitherWayAndRefusesBadArguments() throws Exception {
        launchStopped(false);
        dev.backstep.dap.protocol.RunToLineArguments a = new dev.backstep.dap.protocol.RunToLineArguments();
        a.setThreadId(1);
        assertTrue(TestClient.error(client.server.runToLine(a)).contains("'source.path'"));
        Source src = new Source();
        src.setPath("/src/fake.c");
        a.setSource(src);
        assertTrue(TestClient.error(client.server.runToLine(a)).contains("'line'"));
        a.setLine(30);
        TestClient.get(client.server.runToLine(a));
        StoppedEventArguments fwd = client.nextStop();
        assertEquals("step", fwd.getReason());
        assertTrue(fwd.getDescription().contains("icount 300"), fwd.getDescription());
        assertEquals("/src/fake.c:30", session.get().lastRunToLine);
        a.setLine(12);
        a.setReverse(true);
        TestClient.get(client.server.runToLine(a));
        assertTrue(client.nextStop().getDescription().contains("icount 120"));
        // a line that does not run that way: the session's message arrives as an error stop
        a.setLine(50);
        TestClient.get(client.server.runToLine(a));
        StoppedEventArguments err = client.nextStop();
        assertEquals("error", err.getReason());
        assertTrue(err.getText().contains("does not run earlier"), err.getText());
    }

    @Test
    void stateRequestsAndCustomRequests() throws Exception {
        launchStopped(false);
        TestClient.get(client.server.seek(seekTo(123)));
        StoppedEventArguments s = client.nextStop();
        assertEquals("goto", s.getReason());

        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        st.setStartFrame(1);
        st.setLevels(2);
        var trace = TestClient.get(client.server.stackTrace(st));
        assertEquals(4, trace.getTotalFrames());
        assertEquals(2, trace.getStackFrames().length);
        assertEquals("middle", trace.getStackFrames()[0].getName());
        assertEquals("0x80000100", trace.getStackFrames()[0].getInstructionPointerReference());

        VariablesArguments va = new VariablesArguments();
        va.setVariablesReference(100);
        ValueFormat hex = new ValueFormat();
        hex.setHex(true);
        va.setFormat(hex);
        var vars = TestClient.get(client.server.variables(va));
        assertEquals("0x0000002a", vars.getVariables()[0].getValue());

        EvaluateArguments ev = new EvaluateArguments();
        ev.setExpression("x");
        ev.setContext("hover");
        assertEquals("42", TestClient.get(client.server.evaluate(ev)).getResult());
        ev.setExpression("nope");
        assertTrue(TestClient.error(client.server.evaluate(ev)).contains("unknown variable 'nope'"));

        SetVariableArguments sv = new SetVariableArguments();
        sv.setVariablesReference(100);
        sv.setName("x");
        sv.setValue("1");
        assertTrue(TestClient.error(client.server.setVariable(sv)).contains("cannot change the past"));

        ReadMemoryArguments rm = new ReadMemoryArguments();
        rm.setMemoryReference("0x80000000");
        rm.setOffset(4);
        rm.setCount(4);
        var mem = TestClient.get(client.server.readMemory(rm));
        assertEquals("0x80000004", mem.getAddress());
        assertEquals("BAUGBw==", mem.getData());

        DisassembleArguments da = new DisassembleArguments();
        da.setMemoryReference("0x80000000");
        da.setInstructionOffset(-2);
        da.setInstructionCount(5);
        var dis = TestClient.get(client.server.disassemble(da));
        assertEquals(5, dis.getInstructions().length);
        assertEquals("0x7ffffff8", dis.getInstructions()[0].getAddress());

        InfoResponse info = TestClient.get(client.server.info(new InfoArguments()));
        assertEquals("record", info.getMode());
        assertEquals(123, info.getIcount());
        assertEquals(3, info.getSnapshotCount());
    }

    private static SeekArguments seekTo(long icount) {
        SeekArguments a = new SeekArguments();
        a.setIcount(icount);
        return a;
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        assertTrue(TestClient.error(client.server.stackTrace(st)).contains("launch"));
        TestClient.get(client.server.initialize(client.initArgs(false)));

        Map<String, Object> bad = launchArgs(false);
        bad.put("ram", "lots");
        assertTrue(TestClient.error(client.server.launch(bad)).contains("'ram'"));
        bad = launchArgs(false);
        bad.put("mode", "rewind");
        assertTrue(TestClient.error(client.server.launch(bad)).contains("'mode'"));
        bad = launchArgs(false);
        bad.put("program", dir.resolve("missing.elf").toString());
        assertTrue(TestClient.error(client.server.launch(bad)).contains("'program'"));
        bad = launchArgs(false);
        bad.put("stopOnEntry", "yes");
        assertTrue(TestClient.error(client.server.launch(bad)).contains("'stopOnEntry'"));
        bad = launchArgs(false);
        bad.put("input", "a.txt");
        bad.put("inputText", "x");
        assertTrue(TestClient.error(client.server.launch(bad)).contains("'inputText'"));
        bad = launchArgs(false);
        bad.put("mode", "replay");
        assertTrue(TestClient.error(client.server.launch(bad)).contains("'recording'"));
        bad = launchArgs(false);
        bad.put("snapshotBudget", 12);
        assertTrue(TestClient.error(client.server.launch(bad)).contains("'snapshotBudget'"));
        assertTrue(TestClient.error(client.server.seek(seekTo(5))).contains("launch"));
        assertNull(session.get(), "no session is opened by a rejected launch");

        Map<String, Object> ok = launchArgs(true);
        ok.put("ram", "64M");
        ok.put("snapshotBudget", "256MiB");
        ok.put("inputText", "abc\n");
        ok.put("debugServer", 4711);
        TestClient.get(client.server.launch(ok));
        assertEquals(64L << 20, session.get().spec.ramSize());
        assertEquals(256L << 20, session.get().spec.snapshotBudget());
        assertTrue(TestClient.error(client.server.launch(ok)).contains("already"));
        assertTrue(TestClient.error(client.server.seek(new SeekArguments())).contains("'icount'"));
    }

    @Test
    void pauseInterruptsAnEndlessRunAndRunningStateIsRefused() throws Exception {
        launchStopped(false);
        session.get().endless = true;
        ContinueArguments c = new ContinueArguments();
        c.setThreadId(1);
        TestClient.get(client.server.continue_(c));
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        assertTrue(TestClient.error(client.server.stackTrace(st)).contains("running"));
        NextArguments next = new NextArguments();
        next.setThreadId(1);
        assertTrue(TestClient.error(client.server.next(next)).contains("running"));
        TestClient.get(client.server.pause(new PauseArguments()));
        StoppedEventArguments s = client.nextStop();
        assertEquals("pause", s.getReason());
        TestClient.get(client.server.stackTrace(st));
    }

    @Test
    void aPauseRightAfterContinueIsNeverLost() throws Exception {
        // the pause can reach the session before the worker has begun the operation; it must still end it
        launchStopped(false);
        session.get().endless = true;
        ContinueArguments c = new ContinueArguments();
        c.setThreadId(1);
        for (int i = 0; i < 200; i++) {
            TestClient.get(client.server.continue_(c));
            TestClient.get(client.server.pause(new PauseArguments()));
            assertEquals("pause", client.nextStop().getReason(), "round " + i);
        }
    }

    @Test
    void breakpointSetWhileRunningTakesEffect() throws Exception {
        launchStopped(false);
        session.get().endless = true;
        ContinueArguments c = new ContinueArguments();
        c.setThreadId(1);
        TestClient.get(client.server.continue_(c));
        SetBreakpointsArguments sb = new SetBreakpointsArguments();
        Source src = new Source();
        src.setPath("/src/fake.c");
        sb.setSource(src);
        sb.setBreakpoints(new SourceBreakpoint[0]);
        var resp = TestClient.get(client.server.setBreakpoints(sb));
        assertEquals(0, resp.getBreakpoints().length);
        assertTrue(session.get().lineBreakpointCalls.get() >= 1);
        Thread.sleep(50);
        assertFalse(client.history("stopped").size() > 1,
                "a continue interrupted for a breakpoint change goes on");
        TestClient.get(client.server.pause(new PauseArguments()));
        assertEquals("pause", client.nextStop().getReason());
    }

    @Test
    void longReverseScanShowsProgressAndCanBeCancelled() throws Exception {
        launchStopped(true);
        session.get().slowScanMs = 30_000;
        ReverseContinueArguments rc = new ReverseContinueArguments();
        rc.setThreadId(1);
        TestClient.get(client.server.reverseContinue(rc));
        org.eclipse.lsp4j.debug.ProgressStartEventArguments p = client.next("progressStart");
        assertTrue(p.getCancellable());
        org.eclipse.lsp4j.debug.CancelArguments cancel = new org.eclipse.lsp4j.debug.CancelArguments();
        cancel.setProgressId(p.getProgressId());
        TestClient.get(client.server.cancel(cancel));
        client.next("progressEnd");
        StoppedEventArguments s = client.nextStop();
        assertEquals("pause", s.getReason());
        assertTrue(s.getDescription().contains("(reverse)") || s.getDescription().contains("reverse"));
    }

    @Test
    void disconnectClosesTheSession() throws Exception {
        launchStopped(false);
        TestClient.get(client.server.disconnect(new org.eclipse.lsp4j.debug.DisconnectArguments()));
        assertTrue(client.connection.awaitEnd(10, java.util.concurrent.TimeUnit.SECONDS) || true);
        assertTrue(session.get().closed);
    }

    @Test
    void restartOpensAFreshSessionWithTheSameBreakpoints() throws Exception {
        launchStopped(false);
        SetBreakpointsArguments sb = new SetBreakpointsArguments();
        Source src = new Source();
        src.setPath("/src/fake.c");
        sb.setSource(src);
        SourceBreakpoint b = new SourceBreakpoint();
        b.setLine(5);
        sb.setBreakpoints(new SourceBreakpoint[] {b});
        TestClient.get(client.server.setBreakpoints(sb));
        FakeSession first = session.get();
        TestClient.get(client.server.restart(new org.eclipse.lsp4j.debug.RestartArguments()));
        StoppedEventArguments s = client.nextStop();
        assertTrue(first.closed);
        assertTrue(session.get() != first);
        assertEquals("entry", s.getReason());
        assertEquals(java.util.List.of(5), session.get().breakpointLines);
    }

    @Test
    void terminateSendsTerminatedAndRefusesExecution() throws Exception {
        launchStopped(false);
        TestClient.get(client.server.terminate(new org.eclipse.lsp4j.debug.TerminateArguments()));
        client.next("terminated");
        ContinueArguments c = new ContinueArguments();
        c.setThreadId(1);
        assertTrue(TestClient.error(client.server.continue_(c)).contains("terminated"));
    }

    @Test
    void quickOperationsShowNoProgressAndUnknownThreadsAreRefused() throws Exception {
        launchStopped(true);
        NextArguments next = new NextArguments();
        next.setThreadId(7);
        assertTrue(TestClient.error(client.server.next(next)).contains("thread 7"));
        next.setThreadId(1);
        TestClient.get(client.server.next(next));
        client.nextStop();
        Thread.sleep(300);
        assertTrue(client.history("progressStart").isEmpty(), "a step that answers at once shows no progress");
    }
}
