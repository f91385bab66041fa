package dev.backstep.dap;

import dev.backstep.dap.launch.LaunchArguments;
import dev.backstep.session.DebugSession;
import dev.backstep.session.ExceptionFilter;
import dev.backstep.session.LaunchException;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.SessionListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.debug.CancelArguments;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.CapabilitiesEventArguments;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.RestartArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;

/** initialize, launch, configurationDone, restart, terminate, disconnect, cancel. */
final class LifecycleHandler {
    private static final Logger LOG = Logger.getLogger(LifecycleHandler.class.getName());

    private final DebugContext ctx;
    private final BreakpointHandler breakpoints;
    private final ExecutionHandler execution;
    private final Runnable closeConnection;
    private volatile boolean started;
    private final java.util.concurrent.atomic.AtomicBoolean shutDown = new java.util.concurrent.atomic.AtomicBoolean();

    LifecycleHandler(DebugContext ctx, BreakpointHandler breakpoints, ExecutionHandler execution,
                     Runnable closeConnection) {
        this.ctx = ctx;
        this.breakpoints = breakpoints;
        this.execution = execution;
        this.closeConnection = closeConnection;
    }

    CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        if (ctx.isInitialized()) {
            throw new DapException(DapException.ErrorCodes.WRONG_STATE, "'initialize' was already sent");
        }
        if (args != null) {
            ctx.client.clientInitialized(args);
        }
        ctx.markInitialized();
        return CompletableFuture.completedFuture(ServerCapabilities.create());
    }

    /**
     * Opens the program, answers, then sends initialized: breakpoints arrive once there is a program to
     * resolve them in; configurationDone then starts it.
     */
    CompletableFuture<Void> launch(Map<String, Object> args) {
        if (!ctx.isInitialized()) {
            throw new DapException(DapException.ErrorCodes.WRONG_STATE, "Send 'initialize' before 'launch'");
        }
        if (ctx.sessionOrNull() != null || ctx.isTerminated()) {
            throw new DapException(DapException.ErrorCodes.WRONG_STATE, "A program is already launched in this session");
        }
        LaunchSpec spec = LaunchArguments.toSpec(args);
        boolean consoleInput = LaunchArguments.consoleInput(args);
        DebugSession s = open(spec);
        s.keepInputOpen(consoleInput);
        ctx.setSession(s, spec, args);
        breakpoints.applyAll(s);
        announceFilters(s);
        ctx.tracker.afterResponse(() -> ctx.client.send(c -> c.initialized()));
        if (ctx.isConfigurationDone()) {
            startOnce(s);
        }
        return CompletableFuture.completedFuture(null);
    }

    CompletableFuture<Void> attach(Map<String, Object> args) {
        throw new DapException(DapException.ErrorCodes.NOT_SUPPORTED,
                "Backstep cannot attach: use 'launch' (mode \"record\" or \"replay\")");
    }

    private DebugSession open(LaunchSpec spec) {
        try {
            return ctx.factory.open(spec, new Listener());
        } catch (LaunchException e) {
            String attr = dapAttribute(e.attribute());
            String msg = e.getMessage();
            if (attr != null && !msg.contains("'" + attr + "'")) {
                msg = "'" + attr + "': " + msg;
            }
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, msg);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not open the program", e);
            throw new DapException("Could not open the program: " + e.getMessage());
        }
    }

    /** LaunchSpec component names as the launch configuration spells them. */
    private static String dapAttribute(String specAttribute) {
        if (specAttribute == null) {
            return null;
        }
        return switch (specAttribute) {
            case "ramSize" -> "ram";
            case "inputFile" -> "input";
            case "input" -> "inputText";
            default -> specAttribute;
        };
    }

    private void announceFilters(DebugSession s) {
        List<ExceptionFilter> actual = s.exceptionFilters();
        if (!actual.equals(ExceptionFilters.BEFORE_LAUNCH)) {
            Capabilities changed = new Capabilities();
            changed.setExceptionBreakpointFilters(ExceptionFilters.toDap(actual));
            CapabilitiesEventArguments e = new CapabilitiesEventArguments();
            e.setCapabilities(changed);
            ctx.tracker.afterResponse(() -> ctx.client.send(c -> c.capabilities(e)));
        }
    }

    CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        ctx.markConfigurationDone();
        DebugSession s = ctx.sessionOrNull();
        if (s != null) {
            startOnce(s);
        }
        return CompletableFuture.completedFuture(null);
    }

    private void startOnce(DebugSession s) {
        if (!started) {
            started = true;
            execution.startProgram(s);
        }
    }

    /** Opens the same program afresh (a new recording in record mode) and starts it like the first time. */
    CompletableFuture<Void> restart(RestartArguments args) {
        DebugSession old = ctx.session();
        ctx.runner.pause();
        ctx.runner.awaitIdle(10_000);
        if (ctx.runner.isRunning()) {
            throw new DapException(DapException.ErrorCodes.WRONG_STATE, "Could not stop the program to restart it");
        }
        old.close();
        LaunchSpec spec = ctx.spec();
        DebugSession s = open(spec);
        s.keepInputOpen(LaunchArguments.consoleInput(ctx.launchArguments()));
        ctx.setSession(s, spec, ctx.launchArguments());
        breakpoints.applyAll(s);
        execution.startProgram(s);
        return CompletableFuture.completedFuture(null);
    }

    /** Ends the debuggee; the connection stays until disconnect. */
    CompletableFuture<Void> terminate(TerminateArguments args) {
        ctx.runner.pause();
        ctx.markTerminated();
        ctx.tracker.afterResponse(() -> {
            ctx.output.flush();
            ctx.client.send(c -> c.terminated(new TerminatedEventArguments()));
        });
        return CompletableFuture.completedFuture(null);
    }

    CompletableFuture<Void> disconnect(DisconnectArguments args) {
        shutdown();
        ctx.tracker.afterResponse(closeConnection);
        return CompletableFuture.completedFuture(null);
    }

    /** Stops whatever runs and closes the session (the recording file is finished). Idempotent. */
    void shutdown() {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        ctx.markTerminated();
        ctx.runner.shutdown();
        ctx.output.flush();
        DebugSession s = ctx.sessionOrNull();
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the session failed", e);
            }
        }
    }

    CompletableFuture<Void> cancel(CancelArguments args) {
        if (args != null) {
            ctx.runner.cancel(args.getRequestId(), args.getProgressId());
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Session events to DAP events. */
    private final class Listener implements SessionListener {
        @Override
        public void output(Category category, String text, long icount) {
            ctx.output.append(category, text);
        }

        @Override
        public void progressStart(String id, String title) {
            ctx.runner.progressUpdate(title, -1);
        }

        @Override
        public void progressUpdate(String id, String message, int percent) {
            ctx.runner.progressUpdate(message, percent);
        }
    }
}
