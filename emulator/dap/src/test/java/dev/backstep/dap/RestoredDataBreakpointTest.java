package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;

/**
 * VS Code keeps data breakpoints from one debug session to the next and sends them before the program starts. The
 * new session resolves their expression again (the program may have been rebuilt); what it cannot resolve, and ids
 * of bare addresses, are reported unverified with the reason instead of silently watching a stale address.
 */
class RestoredDataBreakpointTest {
    private static final Path ELF = TestClient.example("corrupt.elf");

    @Test
    void restoredDataBreakpointsAreResolvedAgainOrReportedUnverified() throws Exception {
        String dataId;
        try (TestClient first = new TestClient(SessionFactory.DEFAULT)) {
            first.initializeAndLaunch(false, Map.of("program", ELF.toString(), "stopOnEntry", true));
            TestClient.get(first.server.configurationDone(new ConfigurationDoneArguments()));
            first.nextStop();
            DataBreakpointInfoArguments di = new DataBreakpointInfoArguments();
            di.setName("config.alarm_limit");
            di.setFrameId(first.top().getId());
            var info = TestClient.get(first.server.dataBreakpointInfo(di));
            dataId = info.getDataId();
            assertNotNull(dataId, info.getDescription());
            assertTrue(info.getCanPersist());
            assertTrue(dataId.endsWith(" config.alarm_limit"), dataId);
        }

        try (TestClient second = new TestClient(SessionFactory.DEFAULT)) {
            second.initializeAndLaunch(false, Map.of("program", ELF.toString(), "stopOnEntry", false));
            String address = dataId.substring(0, dataId.indexOf(' '));
            // what VS Code restores: the id of the last session, one of a bare address, one of a vanished variable
            Breakpoint[] set = TestClient.get(second.server.setDataBreakpoints(args(dataId, address,
                    address + " no_such_variable"))).getBreakpoints();
            assertTrue(set[0].isVerified(), set[0].toString());
            assertTrue(set[0].getMessage().contains("config.alarm_limit"), set[0].getMessage());
            assertFalse(set[1].isVerified(), set[1].toString());
            assertTrue(set[1].getMessage().contains("earlier session"), set[1].getMessage());
            assertFalse(set[2].isVerified(), set[2].toString());
            assertTrue(set[2].getMessage().contains("no_such_variable"), set[2].getMessage());
            assertNull(set[1].getId(), "an unverified restored breakpoint watches nothing");

            TestClient.get(second.server.configurationDone(new ConfigurationDoneArguments()));
            StoppedEventArguments stop = second.nextStop();
            // crt0 clearing .bss writes the variable first: the stop says which breakpoint, by its expression
            assertEquals("data breakpoint", stop.getReason(), stop.getDescription());
            assertTrue(stop.getDescription().startsWith("Data breakpoint on config.alarm_limit:"), stop.getDescription());
            assertFalse(stop.getDescription().matches(".*[Bb]reakpoint \\d.*"), "no session ids: " + stop.getDescription());
            ContinueArguments c = new ContinueArguments();
            c.setThreadId(1);
            TestClient.get(second.server.continue_(c));
            StoppedEventArguments next = second.nextStop();
            assertEquals("data breakpoint", next.getReason(), next.getDescription());
            assertEquals("configure", second.top().getName(), next.getDescription());
        }
    }

    private static SetDataBreakpointsArguments args(String... ids) {
        SetDataBreakpointsArguments sd = new SetDataBreakpointsArguments();
        DataBreakpoint[] bps = new DataBreakpoint[ids.length];
        for (int i = 0; i < ids.length; i++) {
            bps[i] = new DataBreakpoint();
            bps[i].setDataId(ids[i]);
            bps[i].setAccessType(DataBreakpointAccessType.WRITE);
        }
        sd.setBreakpoints(bps);
        return sd;
    }
}
