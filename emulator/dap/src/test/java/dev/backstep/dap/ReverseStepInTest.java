package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.dap.protocol.ReverseStepInArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.StackFrame;
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
        elf = TestClient.example("corrupt.elf");
        source = TestClient.example("corrupt.c");
        Assumptions.assumeTrue(Files.isRegularFile(elf), elf + " not found");
        client = new TestClient(SessionFactory.DEFAULT);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
    }

    private void launchTo(int line) throws Exception {
        client.initializeAndLaunch(false, Map.of("program", elf.toString()));
        client.setLineBreakpoints(source, line);
        TestClient.get(client.server.configurationDone(new ConfigurationDoneArguments()));
        assertEquals("breakpoint", client.nextStop().getReason());
        client.setLineBreakpoints(source);
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
        long onLine = client.icount();
        NextArguments next = new NextArguments();
        next.setThreadId(1);
        TestClient.get(client.server.next(next));
        client.nextStop();
        long after = client.icount();
        assertEquals("main", client.top().getName());

        TestClient.get(client.server.reverseStepIn(rsi(null)));
        StoppedEventArguments stop = client.nextStop();
        assertEquals("step", stop.getReason(), stop.getDescription());
        assertTrue(stop.getDescription().contains("icount"), stop.getDescription());
        StackFrame in = client.top();
        assertEquals("window_average", in.getName(), "reverse step in enters the callee at its last line");
        assertTrue(client.icount() > onLine && client.icount() < after);

        // the same from the same place with DAP's stepBack: the call is stepped over
        TestClient.get(client.server.seek(seek(after)));
        client.nextStop();
        StepBackArguments back = new StepBackArguments();
        back.setThreadId(1);
        TestClient.get(client.server.stepBack(back));
        client.nextStop();
        assertEquals("main", client.top().getName());
        assertEquals(LINE_AVERAGE, client.top().getLine());
        assertEquals(onLine, client.icount());

        // instruction granularity: exactly one instruction
        TestClient.get(client.server.reverseStepIn(rsi("instruction")));
        client.nextStop();
        assertEquals(onLine - 1, client.icount());
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
