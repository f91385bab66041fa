package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FreeRTOS tasks as DAP threads, over real streams, on minirtos (emulator/examples/rtos: a test kernel that keeps
 * its tasks in FreeRTOS's lists and saves their contexts as the GCC/RISC-V port does): each task a thread named
 * {@code Rx (running, prio 2)} with an id that stays, the stopped event naming the running task's thread, the stack of
 * a waiting task unwound from its saved context with its variables, the task list and the task-switch timeline as
 * custom requests, and "reverse-continue until task X last ran".
 */
class RtosThreadsOverStreamsTest {
    private static final Path ELF = TestClient.example("rtos/minirtos.elf");

    private int seq;

    private JsonObject call(RawClient c, String command, String args) throws Exception {
        c.request(++seq, command, args);
        JsonObject r = c.response(seq);
        assertTrue(r.get("success").getAsBoolean(), command + ": " + r);
        return r.has("body") ? r.getAsJsonObject("body") : new JsonObject();
    }

    private void launch(RawClient c, String extra) throws Exception {
        call(c, "initialize", "{\"adapterID\":\"backstep\",\"linesStartAt1\":true,\"columnsStartAt1\":true}");
        call(c, "launch", "{\"program\":\"" + ELF.toString().replace("\\", "\\\\") + "\",\"stopOnEntry\":true" + extra + "}");
        call(c, "configurationDone", null);
        c.event("stopped");
    }

    private Map<String, Integer> threads(RawClient c) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (JsonElement t : call(c, "threads", null).getAsJsonArray("threads")) {
            out.put(t.getAsJsonObject().get("name").getAsString(), t.getAsJsonObject().get("id").getAsInt());
        }
        return out;
    }

    private static List<String> names(JsonArray frames) {
        List<String> out = new ArrayList<>();
        for (JsonElement f : frames) {
            out.add(f.getAsJsonObject().get("name").getAsString());
        }
        return out;
    }

    @Test
    void eachTaskIsAThreadWithItsOwnStack() throws Exception {
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            launch(c, "");
            call(c, "setFunctionBreakpoints", "{\"breakpoints\":[{\"name\":\"accumulate\"}]}");
            c.request(++seq, "continue", "{\"threadId\":1}");
            JsonObject stop = c.event("stopped").getAsJsonObject("body");
            Map<String, Integer> threads = threads(c);
            assertTrue(threads.containsKey("Rx (running, prio 2)"), threads.toString());
            assertTrue(threads.containsKey("Tx (ready, prio 1)"), threads.toString());
            assertTrue(threads.containsKey("Logger (suspended, prio 1)"), threads.toString());
            int rx = threads.get("Rx (running, prio 2)");
            int tx = threads.get("Tx (ready, prio 1)");
            assertEquals(rx, stop.get("threadId").getAsInt(), "stopped names the running task: " + stop);

            JsonArray rxFrames = call(c, "stackTrace", "{\"threadId\":" + rx + "}").getAsJsonArray("stackFrames");
            assertEquals("accumulate", names(rxFrames).get(0));
            JsonArray txFrames = call(c, "stackTrace", "{\"threadId\":" + tx + "}").getAsJsonArray("stackFrames");
            List<String> txNames = names(txFrames);
            assertEquals("tx_task", txNames.get(txNames.size() - 1), txNames.toString());
            assertTrue(txNames.contains("xQueueSend"), "Tx was preempted in xQueueSend: " + txNames);

            // Tx's variables as Tx will see them: its loop counter i in tx_task's frame
            int txTask = txFrames.get(txFrames.size() - 1).getAsJsonObject().get("id").getAsInt();
            JsonArray scopes = call(c, "scopes", "{\"frameId\":" + txTask + "}").getAsJsonArray("scopes");
            int locals = scopes.get(0).getAsJsonObject().get("variablesReference").getAsInt();
            String i = null;
            for (JsonElement v : call(c, "variables", "{\"variablesReference\":" + locals + "}").getAsJsonArray("variables")) {
                if (v.getAsJsonObject().get("name").getAsString().equals("i")) {
                    i = v.getAsJsonObject().get("value").getAsString();
                }
            }
            assertEquals("1", i, "Tx sent its first number");
            JsonObject eval = call(c, "evaluate", "{\"expression\":\"value\",\"frameId\":" + txTask + "}");
            assertEquals("10", eval.get("result").getAsString());

            // the task list
            JsonObject tasks = call(c, "backstep/tasks", "{}");
            assertEquals("FreeRTOS", tasks.get("rtos").getAsString());
            assertEquals(4, tasks.getAsJsonArray("tasks").size(), tasks.toString());

            // the ids stay when time goes back
            c.request(++seq, "stepBack", "{\"threadId\":" + rx + "}");
            c.event("stopped");
            Map<String, Integer> again = threads(c);
            for (Map.Entry<String, Integer> e : again.entrySet()) {
                String task = e.getKey().replaceAll(" \\(.*", "");
                threads.forEach((k, v) -> {
                    if (k.startsWith(task + " (")) {
                        assertEquals(v, e.getValue(), task);
                    }
                });
            }
        }
    }

    @Test
    void theTaskSwitchTimelineAndReverseToWhereATaskLastRan() throws Exception {
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            launch(c, "");
            call(c, "setFunctionBreakpoints", "{\"breakpoints\":[{\"name\":\"accumulate\"}]}");
            for (int k = 0; k < 3; k++) {
                c.request(++seq, "continue", "{\"threadId\":1}");
                c.event("stopped");
            }
            call(c, "setFunctionBreakpoints", "{\"breakpoints\":[]}");
            long here = call(c, "backstep/info", "{}").get("icount").getAsLong();
            JsonObject sw = call(c, "backstep/taskSwitches", "{}");
            assertFalse(sw.get("truncated").getAsBoolean());
            JsonArray list = sw.getAsJsonArray("switches");
            assertTrue(list.size() > 5, list.toString());
            assertEquals(here, call(c, "backstep/info", "{}").get("icount").getAsLong(), "the scan moved nothing");
            int tx = threads(c).get("Tx (ready, prio 1)");
            boolean txRan = false;
            for (JsonElement e : list) {
                txRan |= e.getAsJsonObject().get("threadId").getAsInt() == tx
                        && e.getAsJsonObject().get("name").getAsString().equals("Tx");
            }
            assertTrue(txRan, list.toString());

            c.request(++seq, "backstep/reverseToTask", "{\"threadId\":" + tx + "}");
            List<JsonObject> frames = c.framesUntilEvent("stopped");
            JsonObject stop = frames.get(frames.size() - 1).getAsJsonObject("body");
            assertEquals(tx, stop.get("threadId").getAsInt(), stop.toString());
            assertEquals("backward", stop.get("direction").getAsString());
            assertTrue(stop.get("icount").getAsLong() < here);

            c.request(++seq, "backstep/reverseToTask", "{\"threadId\":999}");
            JsonObject refused = c.response(seq);
            assertFalse(refused.get("success").getAsBoolean(), refused.toString());
        }
    }

    @Test
    void rtosNoneShowsTheHartOnly() throws Exception {
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            launch(c, ",\"rtos\":\"none\"");
            call(c, "setFunctionBreakpoints", "{\"breakpoints\":[{\"name\":\"accumulate\"}]}");
            c.request(++seq, "continue", "{\"threadId\":1}");
            JsonObject stop = c.event("stopped").getAsJsonObject("body");
            assertEquals(1, stop.get("threadId").getAsInt());
            assertEquals(Map.of("hart 0", 1), threads(c));
            JsonObject tasks = call(c, "backstep/tasks", "{}");
            assertFalse(tasks.has("rtos"));
            c.request(++seq, "backstep/taskSwitches", "{}");
            assertFalse(c.response(seq).get("success").getAsBoolean());
        }
    }

    @Test
    void aBadRtosAttributeIsRefusedByName() throws Exception {
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            call(c, "initialize", "{\"adapterID\":\"backstep\"}");
            c.request(++seq, "launch", "{\"program\":\"" + ELF.toString().replace("\\", "\\\\") + "\",\"rtos\":\"zephyr\"}");
            JsonObject r = c.response(seq);
            assertFalse(r.get("success").getAsBoolean());
            assertTrue(r.toString().contains("rtos"), r.toString());
        }
    }
}
