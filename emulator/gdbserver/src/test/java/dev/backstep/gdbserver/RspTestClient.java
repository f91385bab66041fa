package dev.backstep.gdbserver;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A minimal gdb stand-in speaking raw remote protocol, for protocol tests. */
final class RspTestClient implements AutoCloseable {
    private final Socket sock;
    private final InputStream in;
    private final OutputStream out;
    private boolean ackMode = true;
    final List<String> console = new ArrayList<>();

    RspTestClient(int port) throws IOException {
        sock = new Socket("127.0.0.1", port);
        sock.setSoTimeout(60_000);
        sock.setTcpNoDelay(true);
        in = new BufferedInputStream(sock.getInputStream());
        out = sock.getOutputStream();
    }

    void noAck() throws IOException {
        if (!request("QStartNoAckMode").equals("OK")) {
            throw new IOException("no-ack refused");
        }
        ackMode = false;
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String payload) throws IOException {
        send(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] payload) throws IOException {
        raw(RspCodec.frame(payload, false));
        if (ackMode) {
            int c = in.read();
            if (c != '+') {
                throw new IOException("expected '+', got " + c);
            }
        }
    }

    /**
     * Next reply packet, console ('O') packets collected on the way; acknowledges in ack mode. Stop replies come
     * without their expedited registers (see {@link #lastRegisters}).
     */
    String reply() throws IOException {
        while (true) {
            String p = packet();
            if (p.startsWith("O") && !p.equals("OK") && p.length() % 2 == 1) {
                console.add(new String(Hex.decode(p.substring(1)), StandardCharsets.UTF_8));
                continue;
            }
            return withoutRegisters(p);
        }
    }

    /** Reads one raw item: a packet's decoded payload, or "+", "-". */
    String packet() throws IOException {
        int c;
        do {
            c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
        } while (c != '$' && c != '-');
        if (c == '-') {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        while ((c = in.read()) != '#') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            sb.append((char) c);
        }
        int h = in.read();
        int l = in.read();
        byte[] body = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        int sum = Integer.parseInt("" + (char) h + (char) l, 16);
        if (sum != RspCodec.checksum(body, 0, body.length)) {
            throw new IOException("bad checksum from server");
        }
        if (ackMode) {
            raw(new byte[] {'+'});
        }
        byte[] expanded = RspCodec.expandRunLength(body);
        return new String(RspCodec.unescape(expanded, 0, expanded.length), StandardCharsets.ISO_8859_1);
    }

    String request(String payload) throws IOException {
        send(payload);
        return reply();
    }

    /** A stop reply without the registers it expedites ("nn:value;"), which go to {@link #lastRegisters}. */
    private String withoutRegisters(String r) {
        if (r.startsWith("T")) {
            lastRegisters = new StringBuilder();
            java.util.regex.Matcher m = EXPEDITED.matcher(r);
            while (m.find()) {
                lastRegisters.append(m.group());
            }
            return EXPEDITED.matcher(r).replaceAll("");
        }
        return r;
    }

    private static final java.util.regex.Pattern EXPEDITED = java.util.regex.Pattern.compile("[0-9a-f]{2}:[0-9a-f]{8};");
    /** The expedited register fields of the last stop reply. */
    StringBuilder lastRegisters = new StringBuilder();

    String monitor(String cmd) throws IOException {
        console.clear();
        String r = request("qRcmd," + Hex.encode(cmd));
        if (!r.equals("OK")) {
            throw new IOException("monitor reply " + r);
        }
        return String.join("", console);
    }

    @Override
    public void close() throws IOException {
        sock.close();
    }
}
