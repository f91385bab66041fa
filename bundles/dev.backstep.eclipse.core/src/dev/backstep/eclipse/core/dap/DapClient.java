package dev.backstep.eclipse.core.dap;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;

import dev.backstep.dap.protocol.BackstepProtocol;
import dev.backstep.dap.protocol.BackstepProtocolServer;

import dev.backstep.eclipse.core.BackstepCore;

/**
 * The DAP client: the lsp4j.debug endpoint on the server's stdio. Requests go through {@link #call}, which
 * waits with a timeout and turns error responses into CoreExceptions carrying the server's own message.
 */
public final class DapClient implements IDebugProtocolClient {

    /** Long enough for a reverse scan over a long recording to answer; the stop itself comes as an event. */
    private static final long REQUEST_TIMEOUT_SECONDS = 120;

    private final DapEvents events;
    /** Events are handled off the reader thread, in order: handlers send requests and wait for their answers. */
    private final ExecutorService eventQueue = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "Backstep DAP events");
        t.setDaemon(true);
        return t;
    });
    private BackstepProtocolServer server;
    private Future<Void> listening;

    public DapClient(DapEvents events) {
        this.events = events;
    }

    public void connect(InputStream fromServer, OutputStream toServer) {
        Launcher<BackstepProtocolServer> launcher = new DebugLauncher.Builder<BackstepProtocolServer>()
                .setLocalService(this)
                .setRemoteInterface(BackstepProtocolServer.class)
                // stopped events arrive as BackstepStoppedEventArguments, with the icount as a field
                .configureGson(BackstepProtocol::configureGson)
                .setInput(fromServer)
                .setOutput(toServer)
                .create();
        server = launcher.getRemoteProxy();
        listening = launcher.startListening();
        Thread watcher = new Thread(this::awaitClose, "Backstep DAP connection watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void awaitClose() {
        try {
            listening.get();
        } catch (Exception e) {
            // the stream broke; reported below as a disconnection like any other end
        }
        dispatch(events::disconnected);
        eventQueue.shutdown();
    }

    private void dispatch(Runnable handler) {
        try {
            eventQueue.execute(() -> {
                try {
                    handler.run();
                } catch (RuntimeException e) {
                    BackstepCore.log("error while handling an event of the Backstep server", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the connection is closed; late events have no one to go to
        }
    }

    public BackstepProtocolServer server() {
        return server;
    }

    /** Sends one request and waits for its answer. */
    public <T> T call(Function<BackstepProtocolServer, CompletableFuture<T>> request) throws CoreException {
        return call(request, REQUEST_TIMEOUT_SECONDS);
    }

    public <T> T call(Function<BackstepProtocolServer, CompletableFuture<T>> request, long timeoutSeconds) throws CoreException {
        if (server == null) {
            throw new CoreException(BackstepCore.error("not connected to the Backstep server", null));
        }
        try {
            return request.apply(server).get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoreException(BackstepCore.error("interrupted while waiting for the Backstep server", e));
        } catch (TimeoutException e) {
            throw new CoreException(BackstepCore.error(
                    "the Backstep server did not answer within " + timeoutSeconds + " s", e));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof ResponseErrorException re ? re.getResponseError().getMessage()
                    : String.valueOf(cause);
            throw new CoreException(BackstepCore.error(message, cause));
        }
    }

    public void close() {
        if (listening != null) {
            listening.cancel(true);
        }
    }

    @Override
    public void initialized() {
        dispatch(events::initialized);
    }

    @Override
    public void stopped(StoppedEventArguments args) {
        dispatch(() -> events.stopped(args));
    }

    @Override
    public void continued(ContinuedEventArguments args) {
        dispatch(() -> events.continued(args));
    }

    @Override
    public void output(OutputEventArguments args) {
        dispatch(() -> events.output(args));
    }

    @Override
    public void exited(ExitedEventArguments args) {
        dispatch(() -> events.exited(args));
    }

    @Override
    public void terminated(TerminatedEventArguments args) {
        dispatch(() -> events.terminated(args));
    }
}
