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

    private final ServerSocket socket;
    private final SessionFactory factory;
    private final Set<DapConnection> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private DapTcpServer(ServerSocket socket, SessionFactory factory) {
        this.socket = socket;
        this.factory = factory;
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
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        InetAddress address = host == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(address, port), 16);
        DapTcpServer server = new DapTcpServer(ss, factory);
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
                LOG.info(() -> "DAP client connected from " + client.getRemoteSocketAddress());
                DapConnection c = DapConnection.start(client.getInputStream(), client.getOutputStream(), factory);
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
