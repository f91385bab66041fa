package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.dap.protocol.InfoArguments;
import dev.backstep.dap.protocol.InfoResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** backstep/info carries the snapshot positions, capped so that a long session does not make it huge. */
class InfoSnapshotsTest {

    @Test
    void sampleKeepsSmallListsAndSpreadsBigOnes() {
        assertArrayEquals(new long[] {0, 5, 9}, CustomHandler.sample(List.of(0L, 5L, 9L), 4));
        List<Long> many = LongStream.range(0, 1000).boxed().toList();
        long[] s = CustomHandler.sample(many, 10);
        assertEquals(10, s.length);
        assertEquals(0, s[0]);
        assertEquals(999, s[9]);
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i] > s[i - 1]);
        }
    }

    @Test
    void infoListsSnapshotsUpToTheEnd() throws Exception {
        Path elf = TestClient.example("corrupt.elf");
        Assumptions.assumeTrue(Files.isRegularFile(elf), elf + " not found");
        try (TestClient client = new TestClient(SessionFactory.DEFAULT)) {
            TestClient.get(client.server.initialize(client.initArgs(false)));
            TestClient.get(client.server.launch(Map.of("program", elf.toString())));
            client.next("initialized");
            TestClient.get(client.server.configurationDone(new ConfigurationDoneArguments()));
            assertEquals("exited", client.nextStop().getReason());
            InfoResponse info = TestClient.get(client.server.info(new InfoArguments()));
            long[] snaps = info.getSnapshots();
            assertNotNull(snaps);
            assertTrue(snaps.length >= 2 && snaps.length <= CustomHandler.MAX_SNAPSHOT_POSITIONS, snaps.length + "");
            assertEquals(0, snaps[0], "a snapshot at the start");
            assertEquals(info.getIcount(), snaps[snaps.length - 1], "and one where the program stopped");
            assertEquals(Math.min(info.getSnapshotCount(), CustomHandler.MAX_SNAPSHOT_POSITIONS), snaps.length);
        }
    }
}
