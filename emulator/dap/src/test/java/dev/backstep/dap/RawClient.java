package dev.backstep.dap;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client that writes raw bytes, garbage included, and reads the server's frames as JSON. */
final class RawClient implements AutoCloseable {
    final DapConnection connection;
    private final OutputStream toServer;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

    RawClient(SessionFactory factory) throws IOException {
        OsPipe toServerPipe = OsPipe.open();
        OsPipe fromServerPipe = OsPipe.open();
        InputStream serverIn = toServerPipe.in();
        toServer = toServerPipe.out();
        InputStream clientIn = fromServerPipe.in();
        OutputStream serverOut = fromServerPipe.out();
        connection = DapConnection.start(serverIn, serverOut, factory);
        Thread reader = new Thread(() -> readFrames(clientIn), "raw-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    RawClient(InputStream fromServer, OutputStream toServer) {
        this.connection = null;
        this.toServer = toServer;
        Thread reader = new Thread(() -> readFrames(fromServer), "raw-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void sendRaw(String text) throws IOException {
        toServer.write(text.getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    void send(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        toServer.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        toServer.write(body);
        toServer.flush();
    }

    void request(int seq, String command, String argumentsJson) throws IOException {
        send("{\"seq\":" + seq + ",\"type\":\"request\",\"command\":\"" + command + "\""
                + (argumentsJson == null ? "" : ",\"arguments\":" + argumentsJson) + "}");
    }

    /** The response to request seq (events and other responses before it are skipped). */
    JsonObject response(int seq) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            JsonObject m = received.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && "response".equals(m.get("type").getAsString())
                    && m.get("request_seq").getAsInt() == seq) {
                return m;
            }
        }
        throw new AssertionError("no response to request " + seq);
    }

    /** The next event of that name (other frames before it are skipped). */
    JsonObject event(String name) throws InterruptedException {
        List<JsonObject> frames = framesUntilEvent(name);
        return frames.get(frames.size() - 1);
    }

    /** Every frame received up to and including the next event of that name, in the order they came. */
    List<JsonObject> framesUntilEvent(String name) throws InterruptedException {
        List<JsonObject> out = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            JsonObject m = received.poll(100, TimeUnit.MILLISECONDS);
            if (m == null) {
                continue;
            }
            out.add(m);
            if ("event".equals(m.get("type").getAsString()) && name.equals(m.get("event").getAsString())) {
                return out;
            }
        }
        throw new AssertionError("no '" + name + "' event within 60 s; received " + out);
    }

    private void readFrames(InputStream in) {
        try {
            while (true) {
                int length = -1;
                String line;
                while (!(line = readLine(in)).isEmpty()) {
                    if (line.startsWith("Content-Length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    return;
                }
                received.add(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
            }
        } catch (IOException | RuntimeException e) {
            // stream closed
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("end of stream");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws Exception {
        toServer.close();
        if (connection != null) {
            connection.awaitEnd(30, TimeUnit.SECONDS);
        }
    }
}
