package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage, wrong requests and vanishing clients: every one gets an answer or is skipped, nothing dies. */
class RobustnessTest {
    private static final SessionFactory FAKE = FakeSession::new;

    @TempDir
    Path dir;

    private static void assertAlive(RawClient c, int seq) throws Exception {
        c.request(seq, "threads", null);
        JsonObject r = c.response(seq);
        assertTrue(r.get("success").getAsBoolean(), r.toString());
    }

    /** Waits for a condition with a generous deadline (a loaded machine is slow, never wrong). */
    static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting until " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void garbledHeadersAndJsonAreSurvived() throws Exception {
        try (RawClient c = new RawClient(FAKE)) {
            c.sendRaw("Content-Length: banana\r\n\r\n");
            c.sendRaw("Content-Length: 999999999999\r\n\r\n");
            c.sendRaw("Content-Length: -5\r\n\r\n");
            c.sendRaw("no header at all\r\n\r\n");
            c.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
            JsonObject init = c.response(1);
            assertTrue(init.get("success").getAsBoolean(), init.toString());
            assertTrue(init.getAsJsonObject("body").get("supportsStepBack").getAsBoolean());

            c.send("{\"seq\":2,\"type\":\"request\",\"command\":\"threads\", this is not json");
            JsonObject bad = c.response(2);
            assertFalse(bad.get("success").getAsBoolean());
            assertTrue(bad.get("message").getAsString().contains("could not be parsed"), bad.toString());
            assertTrue(bad.getAsJsonObject("body").has("error"), bad.toString());

            c.send("\u0000\u00ff\u0001 binary junk {{{");
            c.send("[1,2,3]");
            c.send("{\"type\":\"event\",\"event\":\"nonsense\",\"seq\":3}");
            c.sendRaw("garbage before the header Content-Length: 2\r\n\r\n{}");
            assertAlive(c, 4);
        }
    }

    @Test
    void unknownAndMistypedRequestsGetErrors() throws Exception {
        try (RawClient c = new RawClient(FAKE)) {
            c.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
            c.response(1);
            c.request(2, "flyToTheMoon", "{}");
            JsonObject unknown = c.response(2);
            assertFalse(unknown.get("success").getAsBoolean());
            assertEquals("flyToTheMoon", unknown.get("command").getAsString());

            c.request(3, "stackTrace", "{\"threadId\":\"one\"}");
            assertFalse(c.response(3).get("success").getAsBoolean());
            c.request(4, "goto", "{\"threadId\":1,\"targetId\":1}");
            JsonObject unsupported = c.response(4);
            assertFalse(unsupported.get("success").getAsBoolean());
            c.request(5, "next", "{\"threadId\":1}");
            JsonObject early = c.response(5);
            assertFalse(early.get("success").getAsBoolean());
            assertTrue(early.get("message").getAsString().contains("launch"), early.toString());
            c.request(6, "launch", "{\"program\":42}");
            JsonObject badLaunch = c.response(6);
            assertFalse(badLaunch.get("success").getAsBoolean());
            assertTrue(badLaunch.get("message").getAsString().contains("'program'"), badLaunch.toString());
            assertTrue(badLaunch.getAsJsonObject("body").getAsJsonObject("error").get("format").getAsString()
                    .contains("program"));
            c.request(7, "backstep/seek", "{\"icount\":-3}");
            assertFalse(c.response(7).get("success").getAsBoolean());
            assertAlive(c, 8);
        }
    }

    @Test
    void tcpServerOutlivesAClientThatVanishesMidScan() throws Exception {
        Path elf = Files.write(dir.resolve("p.elf"), new byte[] {1});
        java.util.concurrent.atomic.AtomicReference<FakeSession> first = new java.util.concurrent.atomic.AtomicReference<>();
        SessionFactory f = (spec, l) -> {
            FakeSession s = new FakeSession(spec, l);
            s.slowScanMs = 600_000; // ends only by the pause that a vanished client causes
            first.compareAndSet(null, s);
            return s;
        };
        try (DapTcpServer server = DapTcpServer.start(null, 0, f)) {
            assertTrue(server.address().isLoopbackAddress());
            Socket s1 = new Socket("127.0.0.1", server.port());
            RawClient c1 = new RawClient(s1.getInputStream(), s1.getOutputStream());
            c1.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
            c1.response(1);
            c1.request(2, "launch", "{\"program\":\"" + elf.toString().replace("\\", "\\\\") + "\",\"stopOnEntry\":true}");
            assertTrue(c1.response(2).get("success").getAsBoolean());
            c1.request(3, "configurationDone", null);
            c1.response(3);
            c1.request(4, "reverseContinue", "{\"threadId\":1}");
            assertTrue(c1.response(4).get("success").getAsBoolean());
            // the response goes out before the worker starts the scan: wait for it to run, never for a time
            waitFor(() -> first.get().running, "the scan is running");
            s1.close();
            waitFor(() -> first.get().closed, "the session of a vanished client is cancelled and closed");

            try (Socket s2 = new Socket("127.0.0.1", server.port())) {
                RawClient c2 = new RawClient(s2.getInputStream(), s2.getOutputStream());
                c2.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
                assertTrue(c2.response(1).get("success").getAsBoolean());
            }
        }
    }
}
