package dev.backstep.dap;

import dev.backstep.dap.protocol.BackstepProtocolServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.backstep.dap.protocol.InfoArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.ProgressEndEventArguments;
import org.eclipse.lsp4j.debug.ProgressStartEventArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;

/** An lsp4j DAP client wired to a server connection through pipes; events are queued for assertions. */
final class TestClient implements IDebugProtocolClient, AutoCloseable {
    static final long TIMEOUT_S = 60;

    /** One event as received, in order. */
    record Event(String name, Object body) {
    }

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>() {
        @Override
        public boolean add(Event e) {
            history.add(e);
            return super.add(e);
        }
    };
    /** Every event ever received, also those {@link #next} skipped. */
    final java.util.List<Event> history = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    final BackstepProtocolServer server;
    final DapConnection connection;
    private final OutputStream toServer;

    TestClient(SessionFactory factory) throws IOException {
        OsPipe toServerPipe = OsPipe.open();
        OsPipe fromServerPipe = OsPipe.open();
        InputStream serverIn = toServerPipe.in();
        toServer = toServerPipe.out();
        InputStream clientIn = fromServerPipe.in();
        OutputStream serverOut = fromServerPipe.out();
        connection = DapConnection.start(serverIn, serverOut, factory);
        Launcher<BackstepProtocolServer> launcher = new DebugLauncher.Builder<BackstepProtocolServer>()
                .setLocalService(this)
                .setRemoteInterface(BackstepProtocolServer.class)
                .setInput(clientIn)
                .setOutput(toServer)
                .create();
        server = launcher.getRemoteProxy();
        launcher.startListening();
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception c) {
                throw c;
            }
            throw e;
        }
    }

    /** The message of the error response the request must get. */
    static String error(CompletableFuture<?> f) throws Exception {
        try {
            f.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResponseErrorException r) {
                return r.getResponseError().getMessage();
            }
            throw e;
        }
        throw new AssertionError("expected an error response");
    }

    InitializeRequestArguments initArgs(boolean progress) {
        InitializeRequestArguments a = new InitializeRequestArguments();
        a.setAdapterID("backstep");
        a.setClientID("test");
        a.setLinesStartAt1(true);
        a.setColumnsStartAt1(true);
        a.setSupportsProgressReporting(progress);
        a.setSupportsInvalidatedEvent(true);
        a.setSupportsMemoryEvent(true);
        return a;
    }

    /** A file under emulator/examples, from -Dbackstep.root (default: the module's grandparent). */
    static Path example(String name) {
        Path root = Path.of(System.getProperty("backstep.root", "../.."));
        return root.resolve("emulator/examples").resolve(name).toAbsolutePath().normalize();
    }

    /** initialize, launch with these arguments, and wait for the initialized event. */
    void initializeAndLaunch(boolean progress, Map<String, Object> launchArgs) throws Exception {
        get(server.initialize(initArgs(progress)));
        get(server.launch(launchArgs));
        next("initialized");
    }

    /** Replaces the line breakpoints of a source file (no lines: clears them). */
    SetBreakpointsResponse setLineBreakpoints(Path source, int... lines) throws Exception {
        SetBreakpointsArguments sb = new SetBreakpointsArguments();
        Source src = new Source();
        src.setPath(source.toString());
        sb.setSource(src);
        SourceBreakpoint[] bps = new SourceBreakpoint[lines.length];
        for (int i = 0; i < lines.length; i++) {
            bps[i] = new SourceBreakpoint();
            bps[i].setLine(lines[i]);
        }
        sb.setBreakpoints(bps);
        return get(server.setBreakpoints(sb));
    }

    /** The innermost frame of the (only) thread. */
    StackFrame top() throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        return get(server.stackTrace(st)).getStackFrames()[0];
    }

    /** The icount the session stands at. */
    long icount() throws Exception {
        return get(server.info(new InfoArguments())).getIcount();
    }

    java.util.List<Event> history(String name) {
        synchronized (history) {
            return history.stream().filter(e -> e.name().equals(name)).toList();
        }
    }

    @SuppressWarnings("unchecked")
    <T> T next(String name) throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            long left = end - System.nanoTime();
            Event e = events.poll(Math.max(1, left), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new TimeoutException("no '" + name + "' event within " + TIMEOUT_S + " s");
            }
            if (e.name().equals(name)) {
                return (T) e.body();
            }
        }
    }

    StoppedEventArguments nextStop() throws Exception {
        return next("stopped");
    }

    @Override
    public void initialized() {
        events.add(new Event("initialized", null));
    }

    @Override
    public void stopped(StoppedEventArguments args) {
        events.add(new Event("stopped", args));
    }

    @Override
    public void invalidated(org.eclipse.lsp4j.debug.InvalidatedEventArguments args) {
        events.add(new Event("invalidated", args));
    }

    @Override
    public void memory(org.eclipse.lsp4j.debug.MemoryEventArguments args) {
        events.add(new Event("memory", args));
    }

    @Override
    public void output(OutputEventArguments args) {
        events.add(new Event("output", args));
    }

    @Override
    public void exited(ExitedEventArguments args) {
        events.add(new Event("exited", args));
    }

    @Override
    public void terminated(TerminatedEventArguments args) {
        events.add(new Event("terminated", args));
    }

    @Override
    public void progressStart(ProgressStartEventArguments args) {
        events.add(new Event("progressStart", args));
    }

    @Override
    public void progressEnd(ProgressEndEventArguments args) {
        events.add(new Event("progressEnd", args));
    }

    @Override
    public void close() throws Exception {
        toServer.close();
        connection.awaitEnd(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
