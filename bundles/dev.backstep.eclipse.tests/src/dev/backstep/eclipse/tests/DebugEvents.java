package dev.backstep.eclipse.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;

import dev.backstep.eclipse.core.model.BackstepDebugTarget;
import dev.backstep.eclipse.core.model.BackstepThread;

/** Waits for the next suspend of a Backstep thread, or the end of a target. Arm before acting. */
final class DebugEvents implements IDebugEventSetListener, AutoCloseable {

    private final CountDownLatch suspended = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicReference<BackstepThread> thread = new AtomicReference<>();

    static DebugEvents arm() {
        DebugEvents e = new DebugEvents();
        DebugPlugin.getDefault().addDebugEventListener(e);
        return e;
    }

    /** Something a test does that makes the program run. */
    interface Action {
        void run() throws Exception;
    }

    /** Arms, does {@code action}, and waits for the stop it leads to: the thread that stopped. */
    static BackstepThread suspendAfter(String what, Action action) throws Exception {
        DebugEvents events = arm();
        try {
            action.run();
        } catch (Exception | Error e) {
            events.close();
            throw e;
        }
        return events.awaitSuspend(what);
    }

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent e : events) {
            if (e.getKind() == DebugEvent.SUSPEND && e.getSource() instanceof BackstepThread t) {
                thread.compareAndSet(null, t);
                suspended.countDown();
            }
            if (e.getKind() == DebugEvent.TERMINATE && e.getSource() instanceof BackstepDebugTarget) {
                terminated.countDown();
            }
        }
    }

    BackstepThread awaitSuspend(String what) throws InterruptedException {
        try {
            if (!suspended.await(120, TimeUnit.SECONDS)) {
                fail("no stop within 120 s after " + what);
            }
            return thread.get();
        } finally {
            close();
        }
    }

    void awaitTerminate() throws InterruptedException {
        try {
            if (!terminated.await(30, TimeUnit.SECONDS)) {
                fail("the debug target did not terminate within 30 s");
            }
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        DebugPlugin.getDefault().removeDebugEventListener(this);
    }
}
