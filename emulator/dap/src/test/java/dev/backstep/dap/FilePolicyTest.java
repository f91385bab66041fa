package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.backstep.replay.format.RecordingReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file policy against the probes of issue 18 (over real streams, a real ELF in a folder of its own): 'source'
 * served /etc/passwd, /proc/self/environ and ../ paths; saveRecording overwrote any file, the program's ELF and a
 * device node, resolving relative paths against the server's folder; a record launch truncated an existing file.
 */
class FilePolicyTest {
    @TempDir
    Path dir;
    private Path elf;
    private Path source;

    @BeforeEach
    void copyTheProgram() throws Exception {
        elf = Files.copy(TestClient.example("corrupt.elf"), dir.resolve("corrupt.elf"));
        source = TestClient.example("corrupt.c");
    }

    private static String json(Path p) {
        return p.toString().replace("\\", "\\\\");
    }

    private static int launch(RawClient c, String extra) throws Exception {
        c.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
        c.response(1);
        c.request(2, "launch", "{\"stopOnEntry\":true" + extra + "}");
        JsonObject r = c.response(2);
        if (!r.get("success").getAsBoolean()) {
            throw new IllegalStateException(r.get("message").getAsString());
        }
        c.request(3, "configurationDone", null);
        c.response(3);
        c.event("stopped");
        return 3;
    }

    private static String failure(RawClient c, int seq, String command, String args) throws Exception {
        c.request(seq, command, args);
        JsonObject r = c.response(seq);
        assertFalse(r.get("success").getAsBoolean(), command + " " + args + " succeeded: " + r);
        return r.get("message").getAsString();
    }

    @Test
    void sourceServesOnlyTheProgramsOwnFiles() throws Exception {
        Path link = dir.resolve("corrupt.c");
        Files.createSymbolicLink(link, Path.of("/etc/passwd"));
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            int seq = launch(c, ",\"program\":\"" + json(TestClient.example("corrupt.elf")) + "\"");
            for (String path : new String[] {"/etc/passwd", "/proc/self/environ", "../../../../../../etc/passwd",
                "/etc/../etc/passwd", json(dir.resolve("corrupt.elf")), "/dev/zero"}) {
                String m = failure(c, ++seq, "source", "{\"source\":{\"path\":\"" + path + "\"}}");
                assertTrue(m.contains("Source not available"), m);
            }
            // a link named like a program file is not that file: what comes back is the program's own corrupt.c
            c.request(++seq, "source", "{\"source\":{\"path\":\"" + json(link) + "\"}}");
            JsonObject linked = c.response(seq);
            assertFalse(linked.toString().contains("root:"), linked.toString());
            c.request(++seq, "source", "{\"source\":{\"path\":\"" + json(source) + "\"}}");
            JsonObject ok = c.response(seq);
            assertTrue(ok.get("success").getAsBoolean(), ok.toString());
            assertTrue(ok.getAsJsonObject("body").get("content").getAsString()
                    .contains(Files.readString(source).substring(0, 40)));
        }
    }

    @Test
    void saveRecordingReplacesOnlyWhatItIsToldTo() throws Exception {
        Path existing = Files.writeString(dir.resolve("mine.bsr"), "keep me");
        byte[] elfBytes = Files.readAllBytes(elf);
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            // no cwd: relative paths are the program's folder's, never the server's
            int seq = launch(c, ",\"program\":\"" + json(elf) + "\"");
            String m = failure(c, ++seq, "backstep/saveRecording", "{\"path\":\"mine.bsr\"}");
            assertTrue(m.contains("exists") && m.contains("overwrite"), m);
            assertEquals("keep me", Files.readString(existing));

            m = failure(c, ++seq, "backstep/saveRecording", "{\"path\":\"corrupt.elf\",\"overwrite\":true}");
            assertTrue(m.contains("this session reads"), m);
            m = failure(c, ++seq, "backstep/saveRecording", "{\"path\":\"./x/../corrupt.elf\",\"overwrite\":true}");
            assertArrayEquals(elfBytes, Files.readAllBytes(elf), "the program is never replaced");

            Path device = Path.of("/dev/null");
            Assumptions.assumeTrue(Files.exists(device));
            m = failure(c, ++seq, "backstep/saveRecording", "{\"path\":\"/dev/null\",\"overwrite\":true}");
            assertTrue(m.contains("not a regular file"), m);
            assertFalse(Files.isRegularFile(device, LinkOption.NOFOLLOW_LINKS));
            Path link = Files.createSymbolicLink(dir.resolve("link.bsr"), existing);
            m = failure(c, ++seq, "backstep/saveRecording", "{\"path\":\"link.bsr\",\"overwrite\":true}");
            assertTrue(m.contains("not a regular file"), m);
            assertTrue(Files.isSymbolicLink(link));

            c.request(++seq, "backstep/saveRecording", "{\"path\":\"mine.bsr\",\"overwrite\":true}");
            assertTrue(c.response(seq).get("success").getAsBoolean());
            assertTrue(RecordingReader.read(existing).complete(), "replaced, as asked");
            c.request(++seq, "backstep/saveRecording", "{\"path\":\"new.bsr\"}");
            assertTrue(c.response(seq).get("success").getAsBoolean());
            assertTrue(Files.isRegularFile(dir.resolve("new.bsr")), "relative to the program's folder");
            try (var left = Files.list(dir)) {
                assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary left");
            }
        }
    }

    @Test
    void aRecordLaunchRefusesAnExistingRecordingUnlessToldToOverwrite() throws Exception {
        Path existing = Files.writeString(dir.resolve("run.bsr"), "an older recording");
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            c.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
            c.response(1);
            c.request(2, "launch", "{\"program\":\"corrupt.elf\",\"cwd\":\"" + json(dir) + "\",\"recording\":\"run.bsr\"}");
            JsonObject r = c.response(2);
            assertFalse(r.get("success").getAsBoolean(), r.toString());
            assertTrue(r.get("message").getAsString().contains("overwrite"), r.toString());
            assertEquals("an older recording", Files.readString(existing));
            c.request(3, "launch", "{\"program\":\"corrupt.elf\",\"cwd\":\"" + json(dir) + "\",\"recording\":\"corrupt.elf\","
                    + "\"overwrite\":true}");
            assertTrue(c.response(3).get("message").getAsString().contains("reads"));
        }
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            launch(c, ",\"program\":\"corrupt.elf\",\"cwd\":\"" + json(dir) + "\",\"recording\":\"run.bsr\",\"overwrite\":true");
            assertFalse(Files.readString(existing, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .equals("an older recording"), "replaced, as asked");
        }
    }
}
