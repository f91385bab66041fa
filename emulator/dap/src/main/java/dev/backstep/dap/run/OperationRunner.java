package dev.backstep.dap.run;

import dev.backstep.dap.ClientChannel;
import dev.backstep.dap.DapException;
import dev.backstep.dap.transport.RequestTracker;
import dev.backstep.session.DebugSession;
import dev.backstep.session.SessionException;
import dev.backstep.session.Stop;
import dev.backstep.session.StopReason;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs execution requests one at a time on a worker thread, after their response has been sent, and
 * reports the stop. lsp4j's reader thread stays free meanwhile, so pause and cancel get through.
 *
 * <p>Breakpoint changes that arrive while the program runs are queued and applied between operations;
 * a forward continue is interrupted for them and then goes on, so that a breakpoint set while the
 * program runs takes effect at once (as users expect from any debugger).
 *
 * <p>Pausing follows the session's contract: the runner announces each operation to the session when it
 * accepts the request, before answering it, so a pause that arrives before the worker has started the
 * operation still ends it; a pause sent once is enough. Announcements, pauses and the end of an operation
 * all happen under the runner's lock, so a pause for one operation can never reach the next one.
 */
public final class OperationRunner {
    private static final Logger LOG = Logger.getLogger(OperationRunner.class.getName());
    private static final AtomicInteger PROGRESS_IDS = new AtomicInteger();

    private final ClientChannel client;
    private final RequestTracker tracker;
    private final OutputForwarder output;
    private final ExecutorService worker;
    private final Object lock = new Object();
    private final Deque<Runnable> pendingChanges = new ArrayDeque<>();

    private DebugSession session;
    private Running running;
    private boolean shutDown;

    /** The operation in flight: what the client may cancel, and why it was paused. */
    private static final class Running {
        final int requestSeq;
        final boolean restartable;
        final ProgressReporter progress;
        /** Guarded by the runner's lock. */
        boolean pausedByUser;

        Running(int requestSeq, boolean restartable, ProgressReporter progress) {
            this.requestSeq = requestSeq;
            this.restartable = restartable;
            this.progress = progress;
        }
    }

    public OperationRunner(ClientChannel client, RequestTracker tracker, OutputForwarder output) {
        this.client = client;
        this.tracker = tracker;
        this.output = output;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "backstep-dap-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public void attach(DebugSession s) {
        synchronized (lock) {
            this.session = s;
        }
    }

    public boolean isRunning() {
        synchronized (lock) {
            return running != null;
        }
    }

    /** Throws the error response for a request that needs the program stopped. */
    public void requireStopped(String what) {
        if (isRunning()) {
            throw new DapException(DapException.ErrorCodes.WRONG_STATE,
                    "Cannot " + what + " while the program is running: pause it first");
        }
    }

    /**
     * Accepts an execution request (on the reader thread): claims the runner now, so that a second request
     * arriving before the first has started is refused; runs the operation once the response is out.
     *
     * @param continuation what to run after an interruption for breakpoint changes (a forward continue goes
     *                     on), or null when the operation cannot be interrupted that way (steps, reverse scans)
     * @param onStop      reports the stop (called with the runner already idle, so that requests
     *                    answering the stopped event find the program stopped)
     */
    public void submit(String title, ExecutionOperation op, ExecutionOperation continuation, Consumer<Stop> onStop,
                       Consumer<String> onFailure) {
        Running r;
        synchronized (lock) {
            if (shutDown) {
                throw new DapException(DapException.ErrorCodes.WRONG_STATE, "The debug session has ended");
            }
            if (running != null) {
                throw new DapException(DapException.ErrorCodes.WRONG_STATE,
                        "The program is already running: pause it first");
            }
            String progressId = "backstep-" + PROGRESS_IDS.incrementAndGet();
            r = new Running(tracker.currentSeq(), continuation != null, new ProgressReporter(client, progressId, title,
                    tracker.currentSeq()));
            running = r;
            announce();
        }
        tracker.afterResponse(() -> worker.execute(() -> execute(r, op, continuation, onStop, onFailure)));
    }

    /**
     * Accepts a long query that answers with a result (a whole-recording history): claims the runner like an execution
     * request, so that execution requests are refused meanwhile and {@code cancel} (by the request's seq or the
     * progress id) and {@code pause} end it through the session; runs it on the worker and completes the response with
     * its result (or the error) when it returns. The program does not move, so no stopped event follows.
     */
    public <T> CompletableFuture<T> query(String title, Callable<T> q) {
        Running r;
        synchronized (lock) {
            if (shutDown) {
                throw new DapException(DapException.ErrorCodes.WRONG_STATE, "The debug session has ended");
            }
            if (running != null) {
                throw new DapException(DapException.ErrorCodes.WRONG_STATE,
                        "The program is running: pause it first");
            }
            String progressId = "backstep-" + PROGRESS_IDS.incrementAndGet();
            r = new Running(tracker.currentSeq(), false, new ProgressReporter(client, progressId, title,
                    tracker.currentSeq()));
            running = r;
            announce();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        worker.execute(() -> {
            T value = null;
            RuntimeException failure = null;
            r.progress.begin();
            try {
                value = q.call();
            } catch (DapException e) {
                failure = e;
            } catch (SessionException e) {
                failure = new DapException(e.getMessage());
            } catch (Exception | Error e) {
                LOG.log(Level.SEVERE, "query failed", e);
                failure = new DapException("Internal error: " + e);
            } finally {
                r.progress.end(null);
                output.flush();
                synchronized (lock) {
                    applyPendingChanges();
                    running = null;
                    lock.notifyAll();
                }
            }
            // answered once idle: a request the client sends on reading the answer must not find the query running
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    private void execute(Running r, ExecutionOperation op, ExecutionOperation continuation, Consumer<Stop> onStop, Consumer<String> onFailure) {
        Stop stop = null;
        String failure = null;
        r.progress.begin();
        try {
            applyPendingChanges();
            stop = op.run();
            // only the user and breakpoint changes pause a DAP session: a pause the user did not ask for was for changes
            while (stop.reason() == StopReason.PAUSE && r.restartable && changesAppliedAndContinuationAnnounced(r)) {
                stop = continuation.run();
            }
        } catch (SessionException e) {
            failure = e.getMessage();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "execution request failed", e);
            failure = "Internal error: " + e;
        } finally {
            r.progress.end(null);
            output.flush();
            synchronized (lock) {
                applyPendingChanges();
                running = null;
                lock.notifyAll();
            }
        }
        if (failure != null) {
            onFailure.accept(failure);
        } else {
            onStop.accept(stop);
        }
    }

    /** The progress of the running operation, so that session progress messages can update it. */
    public void progressUpdate(String message, int percent) {
        Running r;
        synchronized (lock) {
            r = running;
        }
        if (r != null) {
            r.progress.update(message, percent);
        }
    }

    /** Applies a configuration change now when the program is stopped, else as soon as it stops. */
    public <T> CompletableFuture<T> whenStopped(Callable<T> change) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(change.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        };
        Running r;
        synchronized (lock) {
            r = running;
            if (r == null) {
                task.run();
                return result;
            }
            pendingChanges.add(task);
            if (r.restartable) {
                pauseSession();
            }
        }
        return result;
    }

    /**
     * After a pause for breakpoint changes: applies them, then announces the continuation to the session, unless
     * the user paused meanwhile (false: the operation ends with that pause).
     */
    private boolean changesAppliedAndContinuationAnnounced(Running r) {
        while (true) {
            applyPendingChanges();
            synchronized (lock) {
                if (r.pausedByUser) {
                    return false;
                }
                if (pendingChanges.isEmpty()) {
                    announce();
                    return true;
                }
            }
        }
    }

    private void applyPendingChanges() {
        while (true) {
            Runnable next;
            synchronized (lock) {
                next = pendingChanges.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    /** The user's pause: ends the running operation with a PAUSE stop. */
    public void pause() {
        synchronized (lock) {
            if (running != null) {
                running.pausedByUser = true;
                pauseSession();
            }
        }
    }

    /** DAP cancel: interrupts the operation started by that request, or showing that progress. */
    public boolean cancel(Integer requestId, String progressId) {
        synchronized (lock) {
            Running r = running;
            if (r == null) {
                return false;
            }
            boolean match = (requestId != null && requestId == r.requestSeq)
                    || (progressId != null && progressId.equals(r.progress.id()));
            if (match) {
                r.pausedByUser = true;
                pauseSession();
            }
            return match;
        }
    }

    /** Under the lock: the operation cannot end and the next one begin before the pause reaches the session. */
    private void pauseSession() {
        if (session != null) {
            session.pause();
        }
    }

    /** Under the lock: tells the session that the operation about to run has begun, so a pause now ends it. */
    private void announce() {
        if (session != null) {
            session.announceExecution();
        }
    }

    /** Interrupts whatever runs and waits (bounded) for the worker to finish; no request is accepted after. */
    public void shutdown() {
        synchronized (lock) {
            shutDown = true;
        }
        pause();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("the worker did not stop within 10 s");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until no operation runs (used before replacing the session on restart). */
    public void awaitIdle(long timeoutMs) {
        long end = System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (lock) {
            long left;
            while (running != null && (left = end - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
