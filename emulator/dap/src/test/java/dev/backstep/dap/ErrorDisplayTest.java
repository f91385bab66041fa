package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * One message per failure: VS Code adds a notification for every error response marked {@code showUser}, so the
 * requests whose failure the client already shows where the user asked (a Debug Console evaluation, the extension's
 * own message for a custom request) are not marked; a refused step still is (nothing else would tell the user).
 */
class ErrorDisplayTest {

    @Test
    void errorsShownInPlaceAreNotAlsoNotifications() throws Exception {
        try (RawClient c = new RawClient(SessionFactory.DEFAULT)) {
            c.request(1, "initialize", "{\"adapterID\":\"backstep\"}");
            c.response(1);
            c.request(2, "launch", "{\"program\":\"" + TestClient.example("corrupt.elf").toString().replace("\\", "\\\\")
                    + "\",\"stopOnEntry\":true}");
            c.response(2);
            c.request(3, "configurationDone", null);
            c.response(3);
            c.event("stopped");

            c.request(4, "evaluate", "{\"expression\":\"no_such_name + 1\",\"context\":\"repl\"}");
            assertFalse(showUser(c.response(4)), "the Debug Console shows the evaluation error itself");
            c.request(5, "backstep/seek", "{}");
            assertFalse(showUser(c.response(5)), "the extension reports its own requests' errors");
            c.request(6, "stepBack", "{\"threadId\":99}");
            assertTrue(showUser(c.response(6)), "a refused step is told by VS Code");
        }
    }

    private static boolean showUser(JsonObject response) {
        assertFalse(response.get("success").getAsBoolean(), response.toString());
        return response.getAsJsonObject("body").getAsJsonObject("error").get("showUser").getAsBoolean();
    }
}
