package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.backstep.session.Limits;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The probes of issue 18 that reached the server, over real streams on a real ELF: each gets an error response that
 * names what was wrong (or the readable part), none ends the session, and the server answers afterwards.
 */
class RequestLimitsTest {
    private static final Path ELF = TestClient.example("corrupt.elf");

    private static int launch(RawClient c) throws Exception {
        c.request(1, "initialize", "{\"adapterID\":\"backstep\",\"linesStartAt1\":true,\"columnsStartAt1\":true}");
        c.response(1);
        c.request(2, "launch", "{\"program\":\"" + ELF.toString().replace("\\", "\\\\") + "\",\"stopOnEntry\":true}");
        assertTrue(c.response(2).get("success").getAsBoolean());
        c.request(3, "configurationDone", null);
        c.response(3);
        c.event("stopped");
        return 3;
    }

    private static JsonObject failure(RawClient c, int seq, String command, String args, String fragment)
            throws Exception {
        c.request(seq, command, args);
        JsonObject r = c.response(seq);
        assertFalse(r.get("success").getAsBoolean(), r.toString());
        String m = r.get("message").getAsString();
        assertTrue(m.contains(fragment), "'" + fragment + "' not in " + m);
        assertFalse(m.startsWith("Internal error"), m);
        return r;
    }

    private static void assertAlive(RawClient c, int seq) throws Exception {
        c.request(seq, "evaluate", "{\"expression\":\"1+2\",\"context\":\"repl\"}");
        JsonObject r = c.response(seq);
        assertTrue(r.get("success").getAsBoolean(), r.toString());
        assertEquals("3", r.getAsJsonObject("body").get("result").getAsString());
    }

    private static String evaluate(String expression) {
        return "{\"expression\":\"" + expression + "\",\"context\":\"repl\"}";
    }

    /** Before: about 500 parentheses threw StackOverflowError and the connection (the adapter, over stdio) ended. */
    @Test
    void deepAndLongExpressionsAreRefusedAndTheSessionGoesOn() throws Exception {
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            int seq = launch(c);
            failure(c, ++seq, "evaluate", evaluate("(".repeat(500) + "1" + ")".repeat(500)), "expression too deep");
            failure(c, ++seq, "evaluate", evaluate("-".repeat(10_000) + "1"), "expression too long: 10001");
            failure(c, ++seq, "evaluate", evaluate("!".repeat(100_000) + "1"), "expression too long");
            failure(c, ++seq, "evaluate", evaluate("*".repeat(10_000) + "config"), "expression too long");
            failure(c, ++seq, "setExpression", "{\"expression\":\"config.alarm_limit\",\"value\":\""
                    + "(".repeat(500) + "1" + ")".repeat(500) + "\"}", "too deep");
            c.request(++seq, "setBreakpoints", "{\"source\":{\"path\":\"" + TestClient.example("corrupt.c").toString()
                    .replace("\\", "\\\\") + "\"},\"breakpoints\":[{\"line\":67,\"condition\":\"" + "(".repeat(500)
                    + "1" + ")".repeat(500) + "\"}]}");
            assertTrue(c.response(seq).get("success").getAsBoolean());
            c.request(++seq, "continue", "{\"threadId\":1}");
            c.response(seq);
            JsonObject stop = c.event("stopped").getAsJsonObject("body");
            assertTrue(stop.toString().contains("too deep"), "the condition's error is reported at the stop: " + stop);
            assertAlive(c, ++seq);
        }
    }

    /** Before: completions without frameId failed, and 30,000 '(' took seconds (a regular expression went quadratic). */
    @Test
    void completionsWithoutFrameIdAndOnHugeTextAnswer() throws Exception {
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            int seq = launch(c);
            c.request(++seq, "setBreakpoints", "{\"source\":{\"path\":\"" + TestClient.example("corrupt.c").toString()
                    .replace("\\", "\\\\") + "\"},\"breakpoints\":[{\"line\":67}]}");
            c.response(seq);
            c.request(++seq, "continue", "{\"threadId\":1}");
            c.response(seq);
            c.event("stopped");
            c.request(++seq, "completions", "{\"text\":\"con\",\"column\":4}");
            JsonObject r = c.response(seq);
            assertTrue(r.get("success").getAsBoolean(), r.toString());
            assertTrue(r.getAsJsonObject("body").getAsJsonArray("targets").toString().contains("\"config\""),
                    r.toString());
            c.request(++seq, "completions", "{\"text\":\"config.al\",\"column\":10}");
            assertTrue(c.response(seq).toString().contains("alarm_limit"));
            for (String text : new String[] {"(".repeat(30_000), "a.".repeat(20_000), "(".repeat(1000) + "config."}) {
                c.request(++seq, "completions", "{\"text\":\"" + text + "\",\"column\":" + (text.length() + 1) + "}");
                JsonObject big = c.response(seq);
                assertTrue(big.get("success").getAsBoolean(), big.toString());
            }
            assertAlive(c, ++seq);
        }
    }

    @Test
    void countsAndAddressesAreChecked() throws Exception {
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            int seq = launch(c);
            // before: "Internal error: NullPointerException"
            failure(c, ++seq, "setExceptionBreakpoints", "{\"filters\":[null]}", "'filters'");
            failure(c, ++seq, "setExceptionBreakpoints", "{\"filters\":[],\"filterOptions\":[{}]}", "filterId");
            failure(c, ++seq, "readMemory", "{\"memoryReference\":\"0x80000000\",\"count\":-1}", "'count'");
            failure(c, ++seq, "variables", "{\"variablesReference\":1,\"count\":-5}", "'count' must not be negative");
            failure(c, ++seq, "stackTrace", "{\"threadId\":1,\"levels\":-1}", "'levels' must not be negative");
            failure(c, ++seq, "disassemble", "{\"memoryReference\":\"0xfffffff0\",\"offset\":18,\"instructionCount\":4}",
                    "32-bit address space");
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i <= DapLimits.MAX_BREAKPOINTS_PER_REQUEST; i++) {
                lines.append(i == 0 ? "" : ",").append("{\"line\":").append(i + 1).append('}');
            }
            failure(c, ++seq, "setBreakpoints", "{\"source\":{\"path\":\"/x/corrupt.c\"},\"breakpoints\":[" + lines
                    + "]}", "too many 'breakpoints'");

            // before: a read starting just below RAM returned nothing although its end is RAM
            c.request(++seq, "readMemory", "{\"memoryReference\":\"0x7ffffff0\",\"count\":32}");
            JsonObject body = c.response(seq).getAsJsonObject("body");
            assertEquals("0x80000000", body.get("address").getAsString(), body.toString());
            assertEquals(16, java.util.Base64.getDecoder().decode(body.get("data").getAsString()).length);
            assertFalse(body.has("unreadableBytes") && body.get("unreadableBytes").getAsInt() != 0, body.toString());

            // before: 0x100000002 came back for a read past the end of the address space
            c.request(++seq, "readMemory", "{\"memoryReference\":\"0xfffffffe\",\"offset\":4,\"count\":4}");
            JsonObject past = c.response(seq);
            assertTrue(past.get("success").getAsBoolean(), past.toString());
            assertEquals(4, past.getAsJsonObject("body").get("unreadableBytes").getAsInt());
            assertTrue(past.getAsJsonObject("body").get("address").getAsString().length() <= 10, past.toString());
            c.request(++seq, "disassemble",
                    "{\"memoryReference\":\"0xfffffff8\",\"instructionOffset\":0,\"instructionCount\":8}");
            JsonArray list = c.response(seq).getAsJsonObject("body").getAsJsonArray("instructions");
            for (var i : list) {
                String a = i.getAsJsonObject().get("address").getAsString();
                assertTrue(a.length() <= 10, "a 32-bit address: " + a);
            }
            assertAlive(c, ++seq);
        }
    }

    /** Before: a malformed Content-Length dropped the message with a log line only; a 1 MB string came back whole. */
    @Test
    void unusableHeadersAreAnsweredAndNothingIsEchoedWhole() throws Exception {
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            int seq = launch(c);
            c.sendRaw("Content-Length: banana\r\n\r\n{\"seq\":50,\"type\":\"request\",\"command\":\"threads\"}");
            JsonObject r = c.response(50);
            assertFalse(r.get("success").getAsBoolean());
            assertTrue(r.get("message").getAsString().contains("Content-Length 'banana'"), r.toString());
            c.sendRaw("Content-Length: -3\r\n\r\n{\"seq\":51,\"type\":\"request\",\"command\":\"threads\",\"arguments\":{\"a\":\"}{\"}}");
            assertTrue(c.response(51).get("message").getAsString().contains("negative"));

            String mega = "x".repeat(1 << 20);
            c.sendRaw("X-" + mega + ": y\r\nContent-Length: " + mega + "\r\n\r\n{\"seq\":52,\"type\":\"request\",\"command\":\"threads\"}");
            JsonObject echoed = c.response(52);
            assertTrue(echoed.toString().length() < 4000, "not echoed whole: " + echoed.toString().length());
            c.request(53, "x".repeat(1 << 20), "{}");
            JsonObject unknown = c.response(53);
            assertFalse(unknown.get("success").getAsBoolean());
            // the response names its command (DAP wants that), but its message does not quote it whole
            int quoted = unknown.get("message").getAsString().length()
                    + unknown.getAsJsonObject("body").toString().length();
            assertTrue(quoted < 4000, "not echoed whole: " + quoted);
            assertTrue(failure(c, 54, "evaluate", evaluate(mega), "expression too long").toString().length() < 4000);
            assertAlive(c, 55);
        }
    }
}
