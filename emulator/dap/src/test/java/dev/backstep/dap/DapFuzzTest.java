package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DAP fuzzer of issue 18 in the suite: fixed seeds, a bounded number of messages (more with
 * -Dbackstep.fuzz.messages=N), over real streams to a real session on a real ELF. Every request gets a response, none
 * is an internal error, garbage frames are survived, and the server answers normally afterwards.
 */
class DapFuzzTest {
    private static final int MESSAGES = Integer.getInteger("backstep.fuzz.messages", 300);
    private static final Path ELF = TestClient.example("corrupt.elf");

    private static final String[] COMMANDS = {"threads", "stackTrace", "scopes", "variables", "evaluate",
        "setVariable", "setExpression", "completions", "source", "loadedSources", "readMemory", "writeMemory",
        "disassemble", "setBreakpoints", "setFunctionBreakpoints", "setInstructionBreakpoints", "setDataBreakpoints",
        "dataBreakpointInfo", "setExceptionBreakpoints", "exceptionInfo", "continue", "next", "stepIn", "stepOut",
        "stepBack", "reverseContinue", "pause", "goto", "gotoTargets", "stepInTargets", "restartFrame", "modules",
        "cancel", "configurationDone", "launch", "attach", "initialize", "backstep/seek", "backstep/info",
        "backstep/runToLine", "backstep/reverseStepIn", "backstep/reverseStepOut", "backstep/input",
        "backstep/saveRecording", "flyToTheMoon", ""};
    private static final String[] ATTRIBUTES = {"threadId", "frameId", "variablesReference", "expression", "text",
        "column", "line", "source", "breakpoints", "lines", "filters", "filterOptions", "memoryReference", "offset",
        "count", "instructionCount", "instructionOffset", "resolveSymbols", "start", "levels", "startFrame", "format",
        "name", "value", "icount", "path", "overwrite", "reverse", "granularity", "context", "data", "dataId",
        "accessType", "condition", "hitCondition", "sourceReference", "requestId", "progressId", "filter", "token"};

    private static String value(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 2 ? 9 : 12)) {
            case 0 -> Integer.toString(r.nextInt(-3, 200));
            case 1 -> Long.toString(r.nextLong());
            case 2 -> "null";
            case 3 -> r.nextBoolean() ? "true" : "false";
            case 4 -> "\"" + new String[] {"0x80000000", "0x7ffffff0", "main", "config.alarm_limit", "1+2", "$pc",
                "*(int*)0", "../../etc/passwd", "/etc/passwd", "corrupt.c", "-1", "x==1", "", "{", "\\u0000"}
                [r.nextInt(15)] + "\"";
            case 5 -> "\"" + "(".repeat(r.nextInt(2_000)) + "\"";
            case 6 -> "\"" + "a".repeat(r.nextInt(10_000)) + "\"";
            case 7 -> Double.toString(r.nextDouble() * 1e12);
            case 8 -> "\"" + (char) ('a' + r.nextInt(26)) + "\"";
            case 9 -> object(r, depth + 1);
            case 10 -> "[" + value(r, depth + 1) + "," + value(r, depth + 1) + "]";
            default -> "[" + object(r, depth + 1) + "]";
        };
    }

    private static String object(SplittableRandom r, int depth) {
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(ATTRIBUTES[r.nextInt(ATTRIBUTES.length)]).append("\":")
                    .append(value(r, depth));
        }
        return b.append('}').toString();
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 18L, 0x5eedL})
    void randomRequestsAndGarbageAreAnsweredAndTheServerGoesOn(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            c.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
            c.response(1);
            c.request(2, "launch", "{\"program\":\"" + ELF.toString().replace("\\", "\\\\") + "\",\"stopOnEntry\":true}");
            assertTrue(c.response(2).get("success").getAsBoolean());
            c.request(3, "configurationDone", null);
            c.response(3);
            int seq = 3;
            int internal = 0;
            int requests = 0;
            int errors = 0;
            int garbageFrames = 0;
            for (int i = 0; i < MESSAGES; i++) {
                int kind = r.nextInt(20);
                if (kind == 0) {
                    String[] garbage = {"Content-Length: x\r\n\r\n", "\r\n\r\n", "Content-Length: 3\r\n\r\n{{{",
                        "Content-Length: 5\r\n\r\n[1,2]", "Content-Length: -1\r\n\r\n", "junk\r\n"};
                    c.sendRaw(garbage[r.nextInt(garbage.length)]);
                    garbageFrames++;
                    continue;
                }
                String command = COMMANDS[r.nextInt(COMMANDS.length)];
                String args = r.nextInt(8) == 0 ? value(r, 0) : object(r, 0);
                c.request(++seq, command, args);
                JsonObject response = c.response(seq);
                requests++;
                if (!response.get("success").getAsBoolean()) {
                    errors++;
                }
                String message = response.has("message") ? response.get("message").getAsString() : "";
                if (message.startsWith("Internal error")) {
                    internal++;
                    System.err.println("internal error for " + command + " " + args + ": " + message);
                }
                if (command.equals("pause") || kind == 1) {
                    c.request(++seq, "pause", "{\"threadId\":1}");
                    c.response(seq);
                }
            }
            System.out.printf("DAP fuzz seed %d: %d requests (%d error responses, %d internal errors), %d garbage frames%n",
                    seed, requests, errors, internal, garbageFrames);
            assertEquals(0, internal, "requests answered with an internal error");
            // still serving: pause whatever runs, then an ordinary request
            c.request(++seq, "pause", "{\"threadId\":1}");
            c.response(seq);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (true) {
                c.request(++seq, "evaluate", "{\"expression\":\"1+2\",\"context\":\"repl\"}");
                JsonObject e = c.response(seq);
                if (e.get("success").getAsBoolean()) {
                    assertEquals("3", e.getAsJsonObject("body").get("result").getAsString());
                    break;
                }
                assertFalse(System.nanoTime() > deadline, "the server answers evaluate again: " + e);
                c.request(++seq, "pause", "{\"threadId\":1}");
                c.response(seq);
                Thread.sleep(10); // a run is ending after the pause: ask again
            }
        }
    }
}
