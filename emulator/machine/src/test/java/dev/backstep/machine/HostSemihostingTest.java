package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Semihosting's files stay in the directory the user named. */
class HostSemihostingTest {
    private static SemihostCall open(String path, int mode) {
        return new SemihostCall(SemihostCall.Kind.OPEN, mode, path.getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void filesInsideWorkAndPathsLeadingOutsideAreRefused(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("guest"));
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link"), tmp);
        HostSemihosting h = new HostSemihosting(dir);

        SemihostReply w = h.call(open("sub/a.txt", 4));
        assertTrue(w.value() > 0);
        assertEquals(3, h.call(new SemihostCall(SemihostCall.Kind.WRITE, (int) w.value(), "abc".getBytes(), 0)).value());
        assertEquals(0, h.call(new SemihostCall(SemihostCall.Kind.CLOSE, (int) w.value(), null, 0)).value());
        SemihostReply r = h.call(open("sub/../sub/a.txt", 0));
        SemihostReply got = h.call(new SemihostCall(SemihostCall.Kind.READ, (int) r.value(), null, 10));
        assertArrayEquals("abc".getBytes(), got.data());

        for (String bad : new String[] {"../secret.txt", outside.toString(), "link/secret.txt", "link/new.txt", "",
            "sub/../../secret.txt", "."}) {
            SemihostReply e = h.call(open(bad, bad.contains("new") ? 4 : 0));
            assertEquals(-1, e.value(), bad);
            assertEquals(SemihostReply.EACCES, e.errno(), bad);
        }
        assertEquals(SemihostReply.EACCES, h.call(new SemihostCall(SemihostCall.Kind.REMOVE, 0,
                "../secret.txt".getBytes(), 0)).errno());
        assertTrue(Files.exists(outside));
        assertEquals(SemihostReply.ENOENT, h.call(open("missing.txt", 0)).errno());
        assertEquals(SemihostReply.EBADF, h.call(new SemihostCall(SemihostCall.Kind.READ, 999, null, 1)).errno());
        h.closeAll();

        HostSemihosting none = new HostSemihosting(null);
        assertEquals(SemihostReply.EACCES, none.call(open("a.txt", 0)).errno());
    }
}
