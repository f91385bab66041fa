package dev.backstep.cli;

/**
 * Ctrl-C (SIGINT) handled by the command instead of ending the JVM: a recording is closed at an instruction boundary,
 * the console debugger pauses a run. Through {@code sun.misc.Signal} (module jdk.unsupported, open to every class
 * path application on Java 17 without flags): shutdown hooks cannot do this, because they run when the JVM is already
 * on its way out and the main thread can no longer finish its work.
 */
public final class CtrlC implements AutoCloseable {
    private static final sun.misc.Signal INT = new sun.misc.Signal("INT");
    private final sun.misc.SignalHandler previous;

    private CtrlC(sun.misc.SignalHandler previous) {
        this.previous = previous;
    }

    /**
     * Runs {@code action} (on a signal thread) at every Ctrl-C until {@link #close()}. When Ctrl-C cannot be caught
     * here (the process was started with SIGINT ignored, as nohup does), it stays as it was.
     */
    public static CtrlC handle(Runnable action) {
        try {
            return new CtrlC(sun.misc.Signal.handle(INT, sig -> action.run()));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return new CtrlC(null);
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            sun.misc.Signal.handle(INT, previous);
        }
    }
}
