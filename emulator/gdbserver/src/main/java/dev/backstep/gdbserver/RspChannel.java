package dev.backstep.gdbserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One connection to gdb. A reader thread consumes the socket all the time, so that the interrupt
 * byte (Ctrl-C) reaches {@code onInterrupt} while the session thread is busy running the target;
 * packets and acknowledgements are queued for the session thread. Handles acknowledgement mode
 * (answer '+' / '-', resend on '-') until no-ack mode is switched on.
 */
final class RspChannel implements AutoCloseable {
    private static final int ACK_TIMEOUT_MS = 3000;
    private static final int MAX_RESENDS = 5;
    private static final Incoming END = new Incoming(Incoming.Kind.DAMAGED, null, "end of stream");

    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<Incoming> packets = new LinkedBlockingQueue<>();
    private final BlockingQueue<Incoming> acks = new LinkedBlockingQueue<>();
    private final Consumer<String> log;
    private final Thread reader;
    private volatile boolean ackMode = true;
    private volatile boolean closed;
    private volatile LongConsumer onInterrupt = n -> { };
    private volatile Runnable onEnd = () -> { };
    /** Packets the reader has queued (reader thread only). */
    private long received;
    /** Packets the session has taken (session thread only). */
    private long taken;

    RspChannel(InputStream in, OutputStream out, int maxPacket, Consumer<String> log) {
        this.in = in;
        this.out = out;
        this.log = log;
        PacketReader pr = new PacketReader(in, maxPacket);
        this.reader = new Thread(() -> readLoop(pr), "gdb-rsp-reader");
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    /**
     * What to do when the interrupt byte (Ctrl-C) arrives, on the reader thread: it gets the number of packets
     * received before it, so the session can tell which packet's run it interrupts (see {@link #packetsTaken()}).
     */
    void setOnInterrupt(LongConsumer r) {
        onInterrupt = r == null ? n -> { } : r;
    }

    /** What to do, on the reader thread, when the connection ends (gdb detached, died or dropped the socket). */
    void setOnEnd(Runnable r) {
        onEnd = r == null ? () -> { } : r;
    }

    /** The number of the packet {@link #nextPacket()} returned last (1 for the first): packets stay in order. */
    long packetsTaken() {
        return taken;
    }

    void setAckMode(boolean on) {
        ackMode = on;
    }

    boolean ackMode() {
        return ackMode;
    }

    private void readLoop(PacketReader pr) {
        try {
            Incoming i;
            while ((i = pr.next()) != null) {
                switch (i.kind()) {
                    case ACK, NACK -> acks.add(i);
                    case INTERRUPT -> onInterrupt.accept(received);
                    case DAMAGED -> {
                        log.accept("damaged packet from gdb: " + i.problem());
                        if (ackMode) {
                            writeRaw(new byte[] {'-'});
                        }
                    }
                    case PACKET -> {
                        if (ackMode) {
                            writeRaw(new byte[] {'+'});
                        }
                        received++;
                        packets.add(i);
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                log.accept("connection to gdb lost: " + e.getMessage());
            }
        } finally {
            packets.add(END);
            acks.add(END);
            onEnd.run();
        }
    }

    /** The next packet from gdb; null when the connection has ended. */
    Incoming nextPacket() throws InterruptedException {
        Incoming i = packets.take();
        if (i == END) {
            packets.add(END);
            return null;
        }
        taken++;
        return i;
    }

    void send(String payload) throws IOException {
        send(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends a packet; in acknowledgement mode waits for '+' and resends on '-'. */
    void send(byte[] payload) throws IOException {
        byte[] framed = RspCodec.frame(payload, true);
        if (!ackMode) {
            writeRaw(framed);
            return;
        }
        acks.clear();
        for (int attempt = 0; attempt <= MAX_RESENDS; attempt++) {
            writeRaw(framed);
            Incoming a;
            try {
                a = acks.poll(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for an acknowledgement");
            }
            if (a == null) {
                // gdb may have switched to no-ack mode without us seeing the ack; go on rather than hang
                log.accept("no acknowledgement from gdb within " + ACK_TIMEOUT_MS + " ms");
                return;
            }
            if (a == END) {
                acks.add(END);
                throw new IOException("connection closed");
            }
            if (a.kind() == Incoming.Kind.ACK) {
                return;
            }
        }
        throw new IOException("gdb rejected a packet " + (MAX_RESENDS + 1) + " times");
    }

    private void writeRaw(byte[] b) throws IOException {
        synchronized (out) {
            out.write(b);
            out.flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
