package dev.backstep.dap;

import dev.backstep.dap.run.OperationRunner;
import dev.backstep.dap.run.OutputForwarder;
import dev.backstep.dap.transport.RequestTracker;
import dev.backstep.session.DebugSession;
import dev.backstep.session.LaunchSpec;
import java.util.Map;

/** What the request handlers of one connection share: the client, the session, and its state. */
public final class DebugContext {
    final ClientChannel client;
    final RequestTracker tracker;
    final OutputForwarder output;
    final OperationRunner runner;
    final SessionFactory factory;
    final BreakpointRegistry breakpoints = new BreakpointRegistry();
    /** Generated sources for frames without one. */
    final InstructionListings listings = new InstructionListings();
    /** Data breakpoint ids handed out by this session, and the resolving again of the others. */
    final DataBreakpointRestorer dataBreakpoints = new DataBreakpointRestorer();

    private volatile boolean initialized;
    private volatile DebugSession session;
    private volatile LaunchSpec spec;
    private volatile Map<String, Object> launchArguments;
    private volatile boolean configurationDone;
    private volatile boolean terminated;
    /** Which way the last operation ran (backstep/info reports it); null before the first stop. */
    volatile dev.backstep.dap.protocol.TimeDirection lastDirection;

    DebugContext(ClientChannel client, RequestTracker tracker, SessionFactory factory) {
        this.client = client;
        this.tracker = tracker;
        this.factory = factory;
        this.output = new OutputForwarder(client);
        this.runner = new OperationRunner(client, tracker, output);
    }

    boolean isInitialized() {
        return initialized;
    }

    void markInitialized() {
        initialized = true;
    }

    /** The launched session, or the error response for a request that needs one. */
    DebugSession session() {
        DebugSession s = session;
        if (s == null) {
            throw new DapException(DapException.ErrorCodes.WRONG_STATE,
                    terminated ? "The debug session has been terminated" : "No program is loaded: send 'launch' first");
        }
        return s;
    }

    /** The session for a state query: refused while the program runs (its state is changing). */
    DebugSession stoppedSession(String what) {
        DebugSession s = session();
        runner.requireStopped(what);
        return s;
    }

    /** Refuses a request for a thread the session does not have. */
    static void requireThread(DebugSession s, int threadId) {
        // thread 1 is the hart, behind whichever task runs: always valid (a client that met it before the RTOS's
        // scheduler started may go on sending it)
        if (threadId != 1 && s.threads().stream().noneMatch(t -> t.id() == threadId)) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "Unknown thread " + threadId);
        }
    }

    DebugSession sessionOrNull() {
        return session;
    }

    void setSession(DebugSession s, LaunchSpec launchSpec, Map<String, Object> args) {
        this.session = s;
        this.spec = launchSpec;
        this.launchArguments = args;
        this.lastDirection = null;
        dataBreakpoints.newSession();
        runner.attach(s);
    }

    LaunchSpec spec() {
        return spec;
    }

    Map<String, Object> launchArguments() {
        return launchArguments;
    }

    boolean isConfigurationDone() {
        return configurationDone;
    }

    void markConfigurationDone() {
        configurationDone = true;
    }

    boolean isTerminated() {
        return terminated;
    }

    void markTerminated() {
        terminated = true;
    }
}
