package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.junit.jupiter.api.Test;

/**
 * At icount 0 the program is in the reset stub, which has no source. VS Code focuses only a frame with an available
 * source, so the frame gets a generated one (the disassembly around the pc): then the Variables view shows the
 * registers and CSRs at the very first stop, and the stack is complete (no "Load More Stack Frames").
 */
class SourcelessFrameTest {

    @Test
    void theEntryStopHasAFocusableFrameWithRegistersAndCsrs() throws Exception {
        try (TestClient c = new TestClient(SessionFactory.DEFAULT)) {
            c.initializeAndLaunch(false, Map.of("program", TestClient.example("corrupt.elf").toString(), "stopOnEntry", true));
            TestClient.get(c.server.configurationDone(new ConfigurationDoneArguments()));
            assertEquals("entry", c.nextStop().getReason());

            StackTraceArguments st = new StackTraceArguments();
            st.setThreadId(1);
            st.setStartFrame(0);
            st.setLevels(1);
            var trace = TestClient.get(c.server.stackTrace(st));
            assertEquals(trace.getStackFrames().length, trace.getTotalFrames(), "the stack is complete");
            StackFrame top = trace.getStackFrames()[0];
            assertNotNull(top.getSource(), "a frame VS Code can focus");
            assertTrue(top.getSource().getSourceReference() > 0, top.getSource().toString());
            assertNull(top.getPresentationHint(), "not de-emphasized: VS Code would skip it");
            assertEquals("0x00001000", top.getInstructionPointerReference());

            SourceArguments sa = new SourceArguments();
            sa.setSource(top.getSource());
            sa.setSourceReference(top.getSource().getSourceReference());
            String listing = TestClient.get(c.server.source(sa)).getContent();
            String line = listing.split("\n")[top.getLine() - 1];
            assertTrue(line.startsWith("00001000:"), line + "\n" + listing);

            ScopesArguments scopes = new ScopesArguments();
            scopes.setFrameId(top.getId());
            List<String> names = Arrays.stream(TestClient.get(c.server.scopes(scopes)).getScopes())
                    .map(s -> s.getName()).toList();
            assertTrue(names.containsAll(List.of("Registers", "CSRs")), names.toString());
        }
    }
}
