package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dap --port}: before, any peer could launch (and so read and write files as the server's user) and 200
 * sessions were accepted in 3.6 s. Now a launch needs the server's token and the sessions are bounded, each
 * refusal said in an error response.
 */
class TcpAccessTest {
    private static final SessionFactory FAKE = FakeSession::new;

    @TempDir
    Path dir;

    private String launchArgs(Path elf, String token) {
        return "{\"program\":\"" + elf.toString().replace("\\", "\\\\") + "\",\"stopOnEntry\":true"
                + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}";
    }

    private static RawClient connect(DapTcpServer server) throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        return new RawClient(s.getInputStream(), s.getOutputStream());
    }

    @Test
    void aLaunchNeedsTheServersToken() throws Exception {
        Path elf = Files.write(dir.resolve("p.elf"), new byte[] {1});
        String token = DapTcpServer.Options.newToken();
        try (DapTcpServer server = DapTcpServer.start(null, 0, FAKE, new DapTcpServer.Options(token, 4))) {
            RawClient c = connect(server);
            c.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
            assertTrue(c.response(1).get("success").getAsBoolean());
            c.request(2, "launch", launchArgs(elf, null));
            JsonObject none = c.response(2);
            assertFalse(none.get("success").getAsBoolean());
            assertTrue(none.get("message").getAsString().contains("'token'"), none.toString());
            c.request(3, "launch", launchArgs(elf, "0".repeat(32)));
            assertTrue(c.response(3).get("message").getAsString().contains("not this server's token"));
            c.request(4, "launch", launchArgs(elf, token));
            assertTrue(c.response(4).get("success").getAsBoolean(), "the right token is taken");

            RawClient guesser = connect(server);
            guesser.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
            guesser.response(1);
            for (int i = 2; i < 2 + ConnectionAccess.MAX_FAILED_TOKENS; i++) {
                guesser.request(i, "launch", launchArgs(elf, "guess" + i));
                assertFalse(guesser.response(i).get("success").getAsBoolean());
            }
            RobustnessTest.waitFor(() -> server.connectionCount() == 1, "the guesser's connection is closed");
        }
    }

    @Test
    void noAuthIsForLoopbackOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DapTcpServer.start("0.0.0.0", 0, FAKE, new DapTcpServer.Options(null, 4)));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void sessionsOverTheLimitAreToldSoAndTheNextOneIsServedOnceASessionEnds() throws Exception {
        try (DapTcpServer server = DapTcpServer.start(null, 0, FAKE, new DapTcpServer.Options(null, 2))) {
            Socket first = new Socket("127.0.0.1", server.port());
            RawClient a = new RawClient(first.getInputStream(), first.getOutputStream());
            RawClient b = connect(server);
            a.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
            a.response(1);
            b.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
            b.response(1);
            RawClient third = connect(server);
            third.request(7, "initialize", "{\"adapterID\":\"backstep\"}");
            JsonObject refused = third.response(7);
            assertFalse(refused.get("success").getAsBoolean());
            assertEquals("initialize", refused.get("command").getAsString());
            assertTrue(refused.get("message").getAsString().contains("already serves 2 sessions"), refused.toString());

            first.close();
            RobustnessTest.waitFor(() -> server.connectionCount() == 1, "the first session has ended");
            RawClient next = connect(server);
            next.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
            assertTrue(next.response(1).get("success").getAsBoolean(), "served again");
        }
    }
}
