package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.dap.protocol.InfoArguments;
import dev.backstep.dap.protocol.ReverseStepInArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** backstep/reverseStepIn over the protocol, on emulator/examples/corrupt.elf. */
class ReverseStepInTest {
    /** {@code if (window_average() > config.alarm_limit - config.hysteresis)}: a call on the line. */
    private static final int LINE_AVERAGE = 63;
    private Path elf;
    private Path source;
    private TestClient client;

    @BeforeEach
    void setUp() throws Exception {
        Path root = Path.of(System.getProperty("backstep.root", "../.."));
        elf = root.resolve("emulator/examples/corrupt.elf").toAbsolutePath().normalize();
        source = root.resolve("emulator/examples/corrupt.c").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(elf), "emulator/examples/corrupt.elf not found from " + root);
        client = new TestClient(SessionFactory.DEFAULT);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
    }

    private void launchTo(int line) throws Exception {
        TestClient.get(client.server.initialize(client.initArgs(false)));
        Map<String, Object> args = new HashMap<>();
        args.put("program", elf.toString());
        TestClient.get(client.server.launch(args));
        client.next("initialized");
        SetBreakpointsArguments sb = new SetBreakpointsArguments();
        Source src = new Source();
        src.setPath(source.toString());
        sb.setSource(src);
        SourceBreakpoint bp = new SourceBreakpoint();
        bp.setLine(line);
        sb.setBreakpoints(new SourceBreakpoint[] {bp});
        TestClient.get(client.server.setBreakpoints(sb));
        TestClient.get(client.server.configurationDone(new ConfigurationDoneArguments()));
        assertEquals("breakpoint", client.nextStop().getReason());
        sb.setBreakpoints(new SourceBreakpoint[0]);
        TestClient.get(client.server.setBreakpoints(sb));
    }

    private StackFrame top() throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        return TestClient.get(client.server.stackTrace(st)).getStackFrames()[0];
    }

    private long icount() throws Exception {
        return TestClient.get(client.server.info(new InfoArguments())).getIcount();
    }

    private static ReverseStepInArguments rsi(String granularity) {
        ReverseStepInArguments a = new ReverseStepInArguments();
        a.setThreadId(1);
        a.setGranularity(granularity);
        return a;
    }

    @Test
    void reverseStepInEntersTheCallThatStepBackStepsOver() throws Exception {
        launchTo(LINE_AVERAGE);
        long onLine = icount();
        NextArguments next = new NextArguments();
        next.setThreadId(1);
        TestClient.get(client.server.next(next));
        client.nextStop();
        long after = icount();
        assertEquals("main", top().getName());

        TestClient.get(client.server.reverseStepIn(rsi(null)));
        StoppedEventArguments stop = client.nextStop();
        assertEquals("step", stop.getReason(), stop.getDescription());
        assertTrue(stop.getDescription().contains("icount"), stop.getDescription());
        StackFrame in = top();
        assertEquals("window_average", in.getName(), "reverse step in enters the callee at its last line");
        assertTrue(icount() > onLine && icount() < after);

        // the same from the same place with DAP's stepBack: the call is stepped over
        TestClient.get(client.server.seek(seek(after)));
        client.nextStop();
        StepBackArguments back = new StepBackArguments();
        back.setThreadId(1);
        TestClient.get(client.server.stepBack(back));
        client.nextStop();
        assertEquals("main", top().getName());
        assertEquals(LINE_AVERAGE, top().getLine());
        assertEquals(onLine, icount());

        // instruction granularity: exactly one instruction
        TestClient.get(client.server.reverseStepIn(rsi("instruction")));
        client.nextStop();
        assertEquals(onLine - 1, icount());
    }

    @Test
    void badGranularityAndUnknownThreadAreClearErrors() throws Exception {
        launchTo(LINE_AVERAGE);
        String bad = TestClient.error(client.server.reverseStepIn(rsi("sideways")));
        assertTrue(bad.contains("granularity"), bad);
        ReverseStepInArguments other = rsi(null);
        other.setThreadId(7);
        String thread = TestClient.error(client.server.reverseStepIn(other));
        assertTrue(thread.contains("thread"), thread);
        // the session is still usable
        TestClient.get(client.server.reverseStepIn(rsi(null)));
        assertEquals("step", client.nextStop().getReason());
    }

    private static dev.backstep.dap.protocol.SeekArguments seek(long icount) {
        dev.backstep.dap.protocol.SeekArguments a = new dev.backstep.dap.protocol.SeekArguments();
        a.setIcount(icount);
        return a;
    }
}
