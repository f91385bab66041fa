package dev.backstep.dap;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code backstep dap --port N}: accepts DAP clients on a TCP port, each connection with its own debug
 * session. The server outlives its clients: a client that misbehaves or vanishes only ends its own
 * connection.
 */
public final class DapTcpServer implements Closeable {
    private static final Logger LOG = Logger.getLogger(DapTcpServer.class.getName());

    /**
     * How a TCP server lets clients in.
     *
     * @param token       what a launch must carry as its 'token' attribute; null: none (only with a loopback address)
     * @param maxSessions connections served at once; one more gets an error response and is closed
     */
    public record Options(String token, int maxSessions) {
        public Options {
            if (maxSessions < 1) {
                throw new IllegalArgumentException("--max-sessions must be at least 1, got " + maxSessions);
            }
        }

        /** No token, the default session limit: for tests on loopback. */
        public static Options unauthenticated() {
            return new Options(null, DapLimits.DEFAULT_MAX_SESSIONS);
        }

        /** A fresh random token (128 bits, hex) for a server that prints it. */
        public static String newToken() {
            byte[] b = new byte[16];
            new java.security.SecureRandom().nextBytes(b);
            return java.util.HexFormat.of().formatHex(b);
        }
    }

    private final ServerSocket socket;
    private final SessionFactory factory;
    private final Options options;
    private final Set<DapConnection> connections = ConcurrentHashMap.newKeySet();
    /** Clients over the limit being told so; more at once are closed without an answer. */
    private final java.util.concurrent.atomic.AtomicInteger refusing = new java.util.concurrent.atomic.AtomicInteger();
    private static final int MAX_REFUSING = 16;
    private final Thread acceptor;
    private volatile boolean closed;

    private DapTcpServer(ServerSocket socket, SessionFactory factory, Options options) {
        this.socket = socket;
        this.factory = factory;
        this.options = options;
        this.acceptor = new Thread(this::acceptLoop, "backstep-dap-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Listens on host:port (host null: 127.0.0.1 only; port 0: any free port, see {@link #port()}) and starts
     * accepting.
     */
    public static DapTcpServer start(String host, int port) throws IOException {
        return start(host, port, SessionFactory.DEFAULT);
    }

    public static DapTcpServer start(String host, int port, SessionFactory factory) throws IOException {
        return start(host, port, factory, Options.unauthenticated());
    }

    /**
     * @throws IllegalArgumentException for a bad port, or no token on an address other than loopback (anyone on
     *                                  the network could then read and write files as this user)
     */
    public static DapTcpServer start(String host, int port, SessionFactory factory, Options options)
            throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        InetAddress address = host == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
        if (options.token() == null && !address.isLoopbackAddress()) {
            throw new IllegalArgumentException("--no-auth is only allowed on a loopback address (127.0.0.1, ::1), not "
                    + address.getHostAddress() + ": anyone who can reach it could read and write files as you");
        }
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(address, port), 16);
        DapTcpServer server = new DapTcpServer(ss, factory, options);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public InetAddress address() {
        return socket.getInetAddress();
    }

    /** Number of clients connected now. */
    public int connectionCount() {
        connections.removeIf(DapConnection::isEnded);
        return connections.size();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                if (connectionCount() >= options.maxSessions()) {
                    LOG.warning(() -> "refusing a client from " + client.getRemoteSocketAddress() + ": "
                            + options.maxSessions() + " sessions already (--max-sessions)");
                    if (refusing.incrementAndGet() > MAX_REFUSING) {
                        refusing.decrementAndGet();
                        client.close(); // a flood of connections gets no thread each
                        continue;
                    }
                    Thread refusal = new Thread(() -> {
                        try {
                            SessionLimitRefusal.refuse(client, options.maxSessions());
                        } finally {
                            refusing.decrementAndGet();
                        }
                    }, "backstep-dap-refuse");
                    refusal.setDaemon(true);
                    refusal.start();
                    continue;
                }
                LOG.info(() -> "DAP client connected from " + client.getRemoteSocketAddress());
                ConnectionAccess access = options.token() == null ? ConnectionAccess.open()
                        : ConnectionAccess.token(options.token());
                DapConnection c = DapConnection.start(client.getInputStream(), client.getOutputStream(), factory,
                        access);
                connections.add(c);
                Thread watcher = new Thread(() -> closeWhenEnded(c, client), "backstep-dap-close");
                watcher.setDaemon(true);
                watcher.start();
            } catch (SocketException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "accept failed", e);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not serve a client", e);
            }
        }
    }

    private void closeWhenEnded(DapConnection c, Socket client) {
        try {
            c.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                client.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing client socket", e);
            }
            connections.remove(c);
        }
    }

    /** Blocks until {@link #close()} is called from elsewhere. */
    public void awaitClose() throws InterruptedException {
        acceptor.join();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing server socket", e);
        }
        for (DapConnection c : connections) {
            c.close();
        }
    }
}
