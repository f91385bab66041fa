package dev.backstep.dap.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** One daemon timer thread for deferred progress and output flushes of every connection. */
final class Timers {
    static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "backstep-dap-timer");
        t.setDaemon(true);
        return t;
    });

    private Timers() {
    }
}
