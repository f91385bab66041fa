package dev.backstep.dap;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The answer of a server that serves as many sessions as it may ({@code --max-sessions}): the client's first
 * request gets an error response that says so, then the connection is closed. DAP has no greeting a server could
 * refuse with, so the first request is where a client can be told; one that sends nothing is dropped after a
 * short wait.
 */
final class SessionLimitRefusal {
    private static final Logger LOG = Logger.getLogger(SessionLimitRefusal.class.getName());
    private static final int WAIT_MS = 10_000;
    private static final int MAX_FIRST_MESSAGE = 64 << 10;

    private SessionLimitRefusal() {
    }

    static void refuse(Socket client, int maxSessions) {
        try (client) {
            client.setSoTimeout(WAIT_MS);
            InputStream in = client.getInputStream();
            int length = contentLength(in);
            if (length < 0 || length > MAX_FIRST_MESSAGE) {
                return;
            }
            JsonObject request = JsonParser.parseString(new String(in.readNBytes(length), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            JsonObject response = new JsonObject();
            response.addProperty("seq", 1);
            response.addProperty("type", "response");
            response.add("request_seq", request.get("seq"));
            response.addProperty("success", false);
            response.add("command", request.get("command"));
            String message = "This Backstep server already serves " + maxSessions + " sessions (its --max-sessions): "
                    + "end one, or start the server with a higher --max-sessions";
            response.addProperty("message", message);
            JsonObject error = new JsonObject();
            error.addProperty("id", DapException.ErrorCodes.WRONG_STATE);
            error.addProperty("format", message);
            error.addProperty("showUser", true);
            JsonObject body = new JsonObject();
            body.add("error", error);
            response.add("body", body);
            byte[] bytes = response.toString().getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "refusing a client over the session limit", e);
        }
    }

    /** The Content-Length of the first message, after its blank line; -1 when there is none. */
    private static int contentLength(InputStream in) throws IOException {
        int length = -1;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (total++ < MAX_FIRST_MESSAGE) {
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            if (c == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII).trim();
                if (text.isEmpty()) {
                    return length;
                }
                if (text.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    try {
                        length = Integer.parseInt(text.substring(15).trim());
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
                line.reset();
            } else {
                line.write(c);
            }
        }
        return -1;
    }
}
