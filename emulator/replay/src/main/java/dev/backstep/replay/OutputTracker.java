package dev.backstep.replay;

import dev.backstep.machine.UartOutput;
import dev.backstep.replay.log.OutputLog;

/**
 * The machine's UartOutput for a timeline. Output is deterministic, so the k-th byte of any
 * re-execution is the k-th byte ever produced: the cursor (saved in snapshots) tells whether a byte
 * is new — appended to the log and passed to the listener — or a re-run of history, which is dropped.
 */
final class OutputTracker implements UartOutput {
    private final OutputLog log = new OutputLog();
    private int cursor;
    private volatile TimelineListener listener;

    void setListener(TimelineListener l) {
        listener = l;
    }

    OutputLog log() {
        return log;
    }

    int cursor() {
        return cursor;
    }

    void setCursor(int c) {
        cursor = c;
    }

    @Override
    public void write(int b, long icount) {
        if (cursor < log.size()) {
            cursor++;
            return;
        }
        log.append((byte) b, icount);
        cursor++;
        TimelineListener l = listener;
        if (l != null) {
            l.output((byte) b, icount);
        }
    }
}
