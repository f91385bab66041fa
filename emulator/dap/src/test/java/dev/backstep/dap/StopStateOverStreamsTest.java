package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a client reads over the wire, frame by frame: every custom execution request is answered, then announced with
 * {@code continued}, then ends with {@code stopped} (VS Code assumes "running" only for its built-in requests and
 * otherwise keeps the previous stop's label); each stopped body carries the icount, the direction and the recorded
 * length as fields; and the Disassembly view's request at the first instruction of {@code _start} is answered.
 */
class StopStateOverStreamsTest {
    private static final Path ELF = TestClient.example("corrupt.elf");
    private static final Path SOURCE = TestClient.example("corrupt.c");

    @Test
    void customExecutionRequestsAreAnnouncedBeforeTheirStop() throws Exception {
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            int seq = launch(c);
            JsonObject entry = c.event("stopped");
            JsonObject body = entry.getAsJsonObject("body");
            assertEquals(0, body.get("icount").getAsLong(), body.toString());
            assertEquals("forward", body.get("direction").getAsString());
            assertTrue(body.get("recordedLength").getAsLong() >= 0, body.toString());

            String[][] requests = {
                {"backstep/runToLine", "{\"threadId\":1,\"source\":{\"path\":\"" + json(SOURCE) + "\"},\"line\":60}"},
                {"backstep/seek", "{\"icount\":5000}"},
                {"backstep/reverseStepOut", "{\"threadId\":1}"},
                {"backstep/runToLine", "{\"threadId\":1,\"source\":{\"path\":\"" + json(SOURCE) + "\"},\"line\":58,\"reverse\":true}"},
                {"backstep/reverseStepIn", "{\"threadId\":1}"},
            };
            for (String[] r : requests) {
                c.request(++seq, r[0], r[1]);
                List<JsonObject> frames = c.framesUntilEvent("stopped");
                List<String> order = new ArrayList<>();
                for (JsonObject f : frames) {
                    String type = f.get("type").getAsString();
                    if (type.equals("response") && f.get("request_seq").getAsInt() == seq) {
                        assertTrue(f.get("success").getAsBoolean(), f.toString());
                        order.add("response");
                    } else if (type.equals("event") && !f.get("event").getAsString().startsWith("progress")
                            && !f.get("event").getAsString().equals("output")) {
                        order.add(f.get("event").getAsString());
                    }
                }
                assertEquals(List.of("response", "continued", "stopped"), order, r[0] + ": " + frames);
                JsonObject stop = frames.get(frames.size() - 1).getAsJsonObject("body");
                assertTrue(stop.has("icount") && stop.has("direction") && stop.has("recordedLength"), stop.toString());
                assertTrue(stop.get("description").getAsString().contains("icount " + stop.get("icount").getAsLong()),
                        stop.toString());
                assertEquals(r[0].startsWith("backstep/reverse") || r[1].contains("\"reverse\":true")
                        ? "backward" : "forward", stop.get("direction").getAsString(), r[0] + " " + stop);
                if (r[0].equals("backstep/seek")) {
                    assertEquals(5000, stop.get("icount").getAsLong());
                }
            }

            // backstep/info says the same as the last stop
            c.request(++seq, "backstep/info", "{}");
            JsonObject info = c.response(seq).getAsJsonObject("body");
            assertEquals("backward", info.get("direction").getAsString(), info.toString());

            // built-in requests: VS Code assumes "running" itself, so no continued
            c.request(++seq, "next", "{\"threadId\":1}");
            List<JsonObject> frames = c.framesUntilEvent("stopped");
            assertFalse(frames.stream().anyMatch(f -> "continued".equals(f.has("event") ? f.get("event").getAsString() : null)),
                    frames.toString());
        }
    }

    @Test
    void disassemblyAtTheFirstInstructionOfStartIsAnswered() throws Exception {
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            int seq = launch(c);
            c.event("stopped");
            c.request(++seq, "setInstructionBreakpoints", "{\"breakpoints\":[{\"instructionReference\":\"0x80000000\"}]}");
            c.response(seq);
            c.request(++seq, "continue", "{\"threadId\":1}");
            JsonObject stop = c.event("stopped").getAsJsonObject("body");
            assertEquals("instruction breakpoint", stop.get("reason").getAsString(), stop.toString());

            // exactly what VS Code sent at this stop once its Disassembly view had been opened
            c.request(++seq, "disassemble",
                    "{\"memoryReference\":\"0x80000000\",\"instructionOffset\":-50,\"instructionCount\":100,\"resolveSymbols\":true}");
            JsonObject r = c.response(seq);
            assertTrue(r.get("success").getAsBoolean(), r.toString());
            var list = r.getAsJsonObject("body").getAsJsonArray("instructions");
            assertEquals(100, list.size());
            assertEquals("0x80000000", list.get(50).getAsJsonObject().get("address").getAsString());

            // and the server still answers
            c.request(++seq, "threads", null);
            assertTrue(c.response(seq).get("success").getAsBoolean());
        }
    }

    private static int launch(RawClient c) throws Exception {
        c.request(1, "initialize", "{\"adapterID\":\"backstep\",\"linesStartAt1\":true,\"columnsStartAt1\":true}");
        c.response(1);
        c.request(2, "launch", "{\"program\":\"" + json(ELF) + "\",\"stopOnEntry\":true}");
        c.response(2);
        c.request(3, "configurationDone", null);
        c.response(3);
        return 3;
    }

    private static String json(Path p) {
        return p.toString().replace("\\", "\\\\");
    }
}
