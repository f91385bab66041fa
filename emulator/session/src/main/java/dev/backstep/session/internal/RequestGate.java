package dev.backstep.session.internal;

import dev.backstep.session.SessionException;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One request at a time, and the pause contract.
 *
 * <p>Execution requests and state queries take turns on one lock; a request that finds another one under way is
 * refused ("the program is running"). An execution request is an {@link ExecutionRequest}: it begins when a front end
 * announces it ({@link #announce()}, before answering its client and running it on another thread) or, without an
 * announcement, when it is called; it ends when it returns. A {@link #pause()} between those two points ends it,
 * however early it comes; it interrupts the request once, whatever the number of pauses. A pause at any other time
 * does nothing, so nothing stale is left for a later request.
 */
final class RequestGate {
    /** What a pause does to the request under way, and how its end drops an interruption that came too late. */
    interface Interruption {
        void interrupt();

        void clear();
    }

    /** A request body that runs holding the lock. */
    interface Call<T> {
        T run() throws SessionException;
    }

    private static final String RUNNING = "the program is running: pause it first";

    private final ReentrantLock lock = new ReentrantLock();
    private final Interruption interruption;
    /** Guarded by this. */
    private ExecutionRequest announced;
    /** Written under this; read by the machine thread (log points print going forward only). */
    private volatile ExecutionRequest current;

    RequestGate(Interruption interruption) {
        this.interruption = interruption;
    }

    /** The next execution request has begun, though it is not called yet: a pause from now on ends it. */
    synchronized void announce() {
        if (announced == null && current == null) {
            announced = new ExecutionRequest();
        }
    }

    /** Begins an execution request: the announced one, or a new one. */
    ExecutionRequest begin() throws SessionException {
        ExecutionRequest op;
        synchronized (this) {
            op = announced;
        }
        if (op != null) {
            lock.lock(); // announced by a front end that runs one request at a time: at most a query is finishing
        } else if (!lock.tryLock()) {
            throw new SessionException(RUNNING);
        }
        synchronized (this) {
            if (op == null) {
                op = new ExecutionRequest();
            } else {
                announced = null;
            }
            current = op;
        }
        return op;
    }

    void end(ExecutionRequest op) {
        synchronized (this) {
            op.end();
            current = null;
            interruption.clear();
        }
        lock.unlock();
    }

    /** Ends the request that has begun (announced or running), at most once; nothing when none has. */
    void pause() {
        synchronized (this) {
            ExecutionRequest op = current != null ? current : announced;
            if (op != null && op.pause()) {
                interruption.interrupt();
            }
        }
    }

    /** Whether an execution request has begun and not returned. */
    synchronized boolean busy() {
        return current != null || announced != null;
    }

    /** The request under way, or null. */
    ExecutionRequest current() {
        return current;
    }

    /** A query or a change of the stopped program: refused while an execution request runs. */
    <T> T query(Call<T> call) throws SessionException {
        if (!lock.tryLock()) {
            throw new SessionException(RUNNING);
        }
        try {
            return call.run();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a check only if no request has begun or holds the lock; false when it did not run. */
    boolean checkIfIdle(Call<?> check) throws SessionException {
        if (busy() || !lock.tryLock()) {
            return false;
        }
        try {
            check.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Reads something only if no request has begun or holds the lock (a run changes it); false when it did not. */
    boolean readIfIdle(Runnable read) {
        if (busy() || !lock.tryLock()) {
            return false;
        }
        try {
            read.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Pauses what runs, waits for it to return, then runs {@code last} holding the lock (closing). */
    void pauseAndThen(Runnable last) {
        pause();
        lock.lock();
        try {
            last.run();
        } finally {
            lock.unlock();
        }
    }
}
