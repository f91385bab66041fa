package dev.backstep.dap.run;

import dev.backstep.dap.ClientChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ProgressEndEventArguments;
import org.eclipse.lsp4j.debug.ProgressStartEventArguments;
import org.eclipse.lsp4j.debug.ProgressUpdateEventArguments;

/**
 * Progress of one execution request, shown only when it lasts longer than {@link #DELAY_MS}: a step that
 * answers at once must not flash a progress bar. Only for clients that said supportsProgressReporting.
 */
final class ProgressReporter {
    static final long DELAY_MS = 200;

    private final ClientChannel client;
    private final String id;
    private final String title;
    private final int requestSeq;
    private ScheduledFuture<?> pendingStart;
    private boolean started;
    private boolean ended;
    private String message;
    private Double percent;

    ProgressReporter(ClientChannel client, String id, String title, int requestSeq) {
        this.client = client;
        this.id = id;
        this.title = title;
        this.requestSeq = requestSeq;
    }

    String id() {
        return id;
    }

    synchronized void begin() {
        if (client.supportsProgress()) {
            pendingStart = Timers.SCHEDULER.schedule(this::startNow, DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void startNow() {
        if (ended || started) {
            return;
        }
        started = true;
        ProgressStartEventArguments e = new ProgressStartEventArguments();
        e.setProgressId(id);
        e.setTitle(title);
        if (requestSeq >= 0) {
            e.setRequestId(requestSeq);
        }
        e.setCancellable(true);
        e.setMessage(message);
        e.setPercentage(percent);
        client.send(c -> c.progressStart(e));
    }

    synchronized void update(String newMessage, int newPercent) {
        message = newMessage;
        percent = newPercent < 0 ? null : (double) Math.min(100, newPercent);
        if (!started || ended) {
            return;
        }
        ProgressUpdateEventArguments e = new ProgressUpdateEventArguments();
        e.setProgressId(id);
        e.setMessage(message);
        e.setPercentage(percent);
        client.send(c -> c.progressUpdate(e));
    }

    synchronized void end(String finalMessage) {
        if (ended) {
            return;
        }
        ended = true;
        if (pendingStart != null) {
            pendingStart.cancel(false);
        }
        if (started) {
            ProgressEndEventArguments e = new ProgressEndEventArguments();
            e.setProgressId(id);
            e.setMessage(finalMessage);
            client.send(c -> c.progressEnd(e));
        }
    }
}
