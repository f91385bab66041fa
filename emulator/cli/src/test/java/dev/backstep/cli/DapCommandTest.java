package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backstep dap --port}: the token it prints is what a launch needs; its options are checked. */
class DapCommandTest {
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("token: ([0-9a-f]{32})");

    @TempDir
    Path dir;

    @Test
    void optionsThatNeedPortOrLoopbackAreUsageErrors() {
        CliRunner.Result r = CliRunner.run("dap", "--no-auth");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--port"), r.err());
        r = CliRunner.run("dap", "--port", "0", "--host", "0.0.0.0", "--no-auth");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("loopback"), r.err());
        r = CliRunner.run("dap", "--port", "0", "--token-file", dir.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("not a regular file"), r.err());
    }

    private static void send(OutputStream out, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    /** The next frame whose text contains {@code fragment}. */
    private static String frame(InputStream in, String fragment) throws IOException {
        while (true) {
            int length = -1;
            StringBuilder line = new StringBuilder();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c == '\n') {
                    String l = line.toString().trim();
                    if (l.isEmpty()) {
                        break;
                    }
                    if (l.startsWith("Content-Length:")) {
                        length = Integer.parseInt(l.substring(15).trim());
                    }
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            if (body.contains(fragment)) {
                return body;
            }
        }
    }

    @Test
    void aLaunchNeedsTheTokenTheServerPrinted() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.backstep.cli.Main", "dap", "--port", "0")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            Matcher port = LISTENING.matcher(out.readLine());
            assertTrue(port.find());
            Matcher token = TOKEN.matcher(out.readLine());
            assertTrue(token.find(), "the token is printed");
            String elf = CliRunner.example("corrupt.elf").toString().replace("\\", "\\\\");
            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(port.group(1)))) {
                InputStream in = s.getInputStream();
                OutputStream o = s.getOutputStream();
                send(o, "{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":{\"adapterID\":\"x\"}}");
                frame(in, "\"request_seq\":1");
                send(o, "{\"seq\":2,\"type\":\"request\",\"command\":\"launch\",\"arguments\":{\"program\":\"" + elf + "\"}}");
                String refused = frame(in, "\"request_seq\":2");
                assertTrue(refused.contains("\"success\":false") && refused.contains("token"), refused);
                send(o, "{\"seq\":3,\"type\":\"request\",\"command\":\"launch\",\"arguments\":{\"program\":\"" + elf
                        + "\",\"token\":\"" + token.group(1) + "\"}}");
                String ok = frame(in, "\"request_seq\":3");
                assertTrue(ok.contains("\"success\":true"), ok);
            }
            assertFalse(Files.exists(dir.resolve("x")));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }
}
