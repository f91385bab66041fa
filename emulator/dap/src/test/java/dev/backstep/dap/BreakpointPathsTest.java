package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Breakpoints are matched by the path the client sent: the program's own corrupt.c under any spelling of its path
 * (here through a symbolic link, as a workspace opened through one is), never a corrupt.c in another folder; and
 * stops name the file the way the client does, so that the IDE does not open a second editor for it.
 */
class BreakpointPathsTest {
    @TempDir
    Path dir;

    @Test
    void theProgramsFileUnderTheClientsNameAndNotAnotherFolders() throws Exception {
        Path examples = TestClient.example("corrupt.c").getParent();
        Path link = Files.createSymbolicLink(dir.resolve("workspace"), examples);
        Path mine = link.resolve("corrupt.c");
        Path other = Files.copy(examples.resolve("corrupt.c"), Files.createDirectories(dir.resolve("other"))
                .resolve("corrupt.c"));
        try (TestClient c = new TestClient(SessionFactory.DEFAULT)) {
            c.initializeAndLaunch(false, Map.of("program", link.resolve("corrupt.elf").toString(), "stopOnEntry", false));
            Breakpoint elsewhere = c.setLineBreakpoints(other, 67).getBreakpoints()[0];
            assertFalse(elsewhere.isVerified(), elsewhere.toString());
            assertTrue(elsewhere.getMessage().contains("another file"), elsewhere.getMessage());

            Breakpoint set = c.setLineBreakpoints(mine, 67).getBreakpoints()[0];
            assertTrue(set.isVerified(), set.toString());
            assertEquals(mine.toString(), set.getSource().getPath());

            TestClient.get(c.server.configurationDone(new ConfigurationDoneArguments()));
            assertEquals("breakpoint", c.nextStop().getReason());
            assertEquals(mine.toString(), c.top().getSource().getPath(), "the editor the user has open");
        }
    }
}
