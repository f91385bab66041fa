package dev.backstep.gdbserver;

import dev.backstep.replay.Timeline;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Consumer;

/**
 * A gdb remote-protocol server over one timeline. Connections are served one after the other and
 * share the timeline, breakpoints aside: after a detach (or a dropped connection) gdb can connect
 * again to the same history. {@code kill} ends the server.
 */
public final class GdbServer implements AutoCloseable {
    private final Timeline timeline;
    private final PrintStream console;
    private final boolean uartToGdb;
    private final Consumer<String> log;
    private final MonitorCommands monitor;
    private final GdbThreads threads;
    private ServerSocket server;
    private volatile boolean closed;

    /**
     * @param console   where guest UART output goes (null: nowhere)
     * @param uartToGdb also send guest UART output to gdb's console ('O' packets) when a run stops
     * @param log       diagnostics (connections, bad packets)
     */
    public GdbServer(Timeline timeline, PrintStream console, boolean uartToGdb, Consumer<String> log) {
        this(timeline, console, uartToGdb, log, GdbThreads.hartOnly());
    }

    /** @param threads the threads gdb sees (RTOS tasks), {@link GdbThreads#hartOnly()} for the hart alone */
    public GdbServer(Timeline timeline, PrintStream console, boolean uartToGdb, Consumer<String> log,
                     GdbThreads threads) {
        this.threads = threads;
        this.timeline = timeline;
        this.console = console;
        this.uartToGdb = uartToGdb;
        this.log = log == null ? s -> { } : log;
        this.monitor = new MonitorCommands(timeline);
    }

    /** Binds the listening socket; port 0 picks a free port. Returns the port. */
    public int bind(String host, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
        server = s;
        return s.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Serves connections until gdb kills the target or {@link #close()} is called. */
    public void serve() throws IOException {
        if (server == null) {
            throw new IllegalStateException("bind first");
        }
        while (!closed) {
            Socket sock;
            try {
                sock = server.accept();
            } catch (SocketException e) {
                if (closed) {
                    return;
                }
                throw e;
            }
            log.accept("gdb connected from " + sock.getRemoteSocketAddress());
            GdbSession.End end = serveOne(sock);
            log.accept("gdb session ended: " + end.name().toLowerCase());
            if (end == GdbSession.End.KILLED) {
                return;
            }
        }
    }

    private GdbSession.End serveOne(Socket sock) throws IOException {
        sock.setTcpNoDelay(true);
        try (RspChannel ch = new RspChannel(new BufferedInputStream(sock.getInputStream()),
                new BufferedOutputStream(sock.getOutputStream()), GdbSession.PACKET_SIZE * 2, log)) {
            GdbSession session = new GdbSession(timeline, ch, new GdbBreakpointTable(), monitor, console, uartToGdb, log,
                    threads);
            ch.start(); // after the session has set what an interrupt and the end of the connection do

            return session.serve();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GdbSession.End.DISCONNECTED;
        } catch (IOException e) {
            log.accept("connection error: " + e.getMessage());
            return GdbSession.End.DISCONNECTED;
        } finally {
            sock.close();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        timeline.cancel();
        if (server != null) {
            server.close();
        }
    }
}
