package dev.backstep.dap;

import dev.backstep.dap.transport.DapLauncherBuilder;
import dev.backstep.dap.transport.RequestTracker;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/**
 * One DAP client on one pair of streams (stdio, or a TCP connection): its own server object, debug
 * session and threads. Ends when the client disconnects or its stream closes; ending never affects other
 * connections.
 */
public final class DapConnection implements Closeable {
    private static final Logger LOG = Logger.getLogger(DapConnection.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();

    private final InputStream in;
    private final OutputStream out;
    private final BackstepDebugServer server;
    private final ExecutorService executor;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private Future<Void> listening;

    private DapConnection(InputStream in, OutputStream out, SessionFactory factory, ConnectionAccess access) {
        this.in = in;
        this.out = out;
        int id = IDS.incrementAndGet();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "backstep-dap-" + id);
            t.setDaemon(true);
            return t;
        });
        RequestTracker tracker = new RequestTracker();
        this.server = new BackstepDebugServer(tracker, factory, this::closeStreams, access);
        Launcher<IDebugProtocolClient> launcher = DapLauncherBuilder.create(server, tracker, in, out, executor);
        server.connect(launcher.getRemoteProxy());
        this.listening = launcher.startListening();
        executor.execute(this::awaitEndOfStream);
    }

    /** Starts serving a client on these streams (returns at once). */
    public static DapConnection start(InputStream in, OutputStream out) {
        return new DapConnection(in, out, SessionFactory.DEFAULT, ConnectionAccess.open());
    }

    /** For tests: a connection whose sessions come from the given factory. */
    public static DapConnection start(InputStream in, OutputStream out, SessionFactory factory) {
        return new DapConnection(in, out, factory, ConnectionAccess.open());
    }

    /** A connection whose launch must pass {@code access} (TCP). */
    public static DapConnection start(InputStream in, OutputStream out, SessionFactory factory,
                                      ConnectionAccess access) {
        return new DapConnection(in, out, factory, access);
    }

    private void awaitEndOfStream() {
        try {
            listening.get();
        } catch (ExecutionException e) {
            LOG.log(Level.FINE, "connection ended with an error", e.getCause());
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            // closing
        } finally {
            server.connectionClosed();
            closeStreams();
            ended.countDown();
        }
    }

    /**
     * Blocks until the client has gone: its stream ended, or it disconnected (then the reader thread may
     * stay blocked on a stream that cannot be interrupted, such as stdin, so it is given only a moment).
     */
    public void awaitEnd() throws InterruptedException {
        while (!ended.await(100, TimeUnit.MILLISECONDS)) {
            if (closing.getCount() == 0) {
                ended.await(2, TimeUnit.SECONDS);
                return;
            }
        }
    }

    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    public boolean isEnded() {
        return ended.getCount() == 0;
    }

    private void closeStreams() {
        closing.countDown();
        try {
            in.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing input", e);
        }
        try {
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.FINE, "flushing output", e);
        }
        if (listening != null) {
            listening.cancel(true);
        }
    }

    @Override
    public void close() {
        closeStreams();
        try {
            if (!ended.await(15, TimeUnit.SECONDS)) {
                throw new TimeoutException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warning("connection did not end within 15 s");
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing output", e);
        }
        executor.shutdownNow();
    }
}
