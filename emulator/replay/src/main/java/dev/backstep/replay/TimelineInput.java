package dev.backstep.replay;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.InputSink;
import dev.backstep.machine.SemihostCall;
import dev.backstep.machine.SemihostReply;
import dev.backstep.replay.format.SemihostEvent;
import dev.backstep.replay.format.EventKind;
import dev.backstep.replay.format.RecordingWriter;
import dev.backstep.replay.log.EventLog;
import dev.backstep.replay.log.InputEvents;

/**
 * The machine's ExternalInput for a timeline. Behind the recorded frontier it serves every call from
 * the event log (and checks that the machine asks for exactly what was logged, in order); at the
 * frontier of a live session it asks the host source and logs the answer. The log cursor is part of
 * the timeline position: snapshots save it, restores put it back.
 *
 * <p>On a mismatch it never throws into the machine (which may be mid-instruction): it remembers the
 * first {@link Divergence}, answers harmlessly, and the timeline stops at the end of the run slice.
 */
final class TimelineInput implements ExternalInput {
    private final InputEvents log;
    /** The same log when it can grow (a record session), else null. */
    private final EventLog appendable;
    private final ExternalInput live;
    private final RecordingWriter writer;
    /** Icount from which the live source answers once the log is used up; MAX_VALUE in replay mode. */
    private long frontier;
    private int cursor;
    /** Index of the first UART event at or after the cursor (log size if none); refreshed lazily. */
    private int nextUart;
    private Divergence divergence;
    private byte[] deliverBuf = new byte[4096];
    private int deliverLen;

    TimelineInput(InputEvents log, ExternalInput live, RecordingWriter writer, long frontier) {
        this.log = log;
        this.appendable = log instanceof EventLog e ? e : null;
        if (live != null && appendable == null) {
            throw new IllegalArgumentException("a live input source needs a log that can grow");
        }
        this.live = live;
        this.writer = writer;
        this.frontier = frontier;
    }

    int cursor() {
        return cursor;
    }

    void setCursor(int c) {
        cursor = c;
        nextUart = c;
        divergence = null;
    }

    void setFrontier(long f) {
        frontier = f;
    }

    Divergence divergence() {
        return divergence;
    }

    private boolean liveAt(long now) {
        return live != null && cursor >= log.size() && now >= frontier;
    }

    private void diverge(long now, String msg) {
        if (divergence == null) {
            divergence = new Divergence(now, msg);
        }
    }

    /** Records a divergence if the machine has gone past a logged event without asking for it. */
    void checkNotPast(long now) {
        if (cursor < log.size() && log.icount(cursor) < now) {
            diverge(log.icount(cursor), "the recording has a " + log.kind(cursor) + " event at icount "
                    + log.icount(cursor) + " that the machine never asked for (it went on to icount " + now + ")");
        }
    }

    private String expected() {
        return cursor < log.size() ? log.kind(cursor) + " at icount " + log.icount(cursor) : "no further event";
    }

    @Override
    public long nextEventIcount(long now) {
        if (liveAt(now)) {
            return live.nextEventIcount(now);
        }
        if (nextUart < cursor) {
            nextUart = cursor;
        }
        while (nextUart < log.size() && log.kind(nextUart) != EventKind.UART_RX) {
            nextUart++;
        }
        if (nextUart < log.size()) {
            long u = log.icount(nextUart);
            // An idle wait logged at the same icount came first (the hart slept, then the byte arrived):
            // say "not yet" so the machine consumes the wait before taking the byte.
            if (cursor < nextUart && log.icount(cursor) == u) {
                return u + 1;
            }
            return u;
        }
        // Nothing more logged: a live session must stop at the frontier to switch to the host source.
        return live != null && frontier > now ? frontier : Long.MAX_VALUE;
    }

    /** Live: the host source, which waits while the UART is full. From the log: what it says, wherever the UART is. */
    @Override
    public long nextEventIcount(long now, InputSink sink) {
        if (liveAt(now)) {
            return live.nextEventIcount(now, sink);
        }
        return nextEventIcount(now);
    }

    @Override
    public void deliver(long now, InputSink sink) {
        checkNotPast(now);
        if (liveAt(now)) {
            deliverLen = 0;
            live.deliver(now, new InputSink() {
                @Override
                public void uartReceive(byte b) {
                    if (deliverLen == deliverBuf.length) {
                        deliverBuf = java.util.Arrays.copyOf(deliverBuf, deliverLen * 2);
                    }
                    deliverBuf[deliverLen++] = b;
                    sink.uartReceive(b);
                }

                @Override
                public int uartSpace() {
                    return sink.uartSpace();
                }
            });
            if (deliverLen > 0) {
                appendable.appendUart(now, deliverBuf, 0, deliverLen);
                writer.uart(now, deliverBuf, 0, deliverLen);
                cursor = log.size();
            }
            return;
        }
        boolean any = false;
        while (cursor < log.size() && log.icount(cursor) == now && log.kind(cursor) == EventKind.UART_RX) {
            for (byte b : log.data(cursor)) {
                sink.uartReceive(b);
            }
            cursor++;
            any = true;
        }
        if (!any && cursor < log.size() && log.icount(cursor) <= now && divergence == null) {
            diverge(now, "the machine took input at icount " + now + " but the recording has " + expected());
        }
    }

    /** Passes a pause request to the host source, whose blocking idle() then returns IDLE_INTERRUPTED. */
    @Override
    public void wake() {
        if (live != null) {
            live.wake();
        }
    }

    /**
     * Live only once the log is used up and the host source is live: while replaying logged events, every input
     * arrives at the icount the log announces, so polling loops may run at full speed.
     */
    @Override
    public boolean isLive() {
        return live != null && live.isLive() && cursor >= log.size();
    }

    @Override
    public long rtcNanos(long now) {
        return served(now, EventKind.RTC, 0, null);
    }

    @Override
    public long idle(long now) {
        return served(now, EventKind.IDLE, -1, null);
    }

    @Override
    public long idle(long now, InputSink sink) {
        return served(now, EventKind.IDLE, -1, sink);
    }

    /**
     * Live: the host answers and the answer is logged (a file is written only here, once). Behind the frontier: the
     * logged answer, never the host.
     */
    @Override
    public SemihostReply semihost(long now, SemihostCall call) {
        checkNotPast(now);
        if (liveAt(now)) {
            SemihostReply r = live.semihost(now, call);
            byte[] packed = SemihostEvent.pack(call.kind(), r);
            appendable.appendSemihost(now, packed);
            writer.semihost(now, packed);
            cursor = log.size();
            return r;
        }
        if (cursor < log.size() && log.icount(cursor) == now && log.kind(cursor) == EventKind.SEMIHOST) {
            byte[] packed = log.data(cursor);
            if (SemihostEvent.kind(packed) == call.kind()) {
                cursor++;
                return SemihostEvent.reply(packed);
            }
            diverge(now, "the machine made a semihosting " + call.kind() + " request at icount " + now
                    + " but the recording has a " + SemihostEvent.kind(packed) + " one");
        } else {
            diverge(now, "the machine made a semihosting " + call.kind() + " request at icount " + now
                    + " but the recording has " + expected());
        }
        return SemihostReply.error(SemihostReply.EIO);
    }

    private long served(long now, EventKind kind, long fallback, InputSink sink) {
        checkNotPast(now);
        if (liveAt(now)) {
            long v = kind == EventKind.RTC ? live.rtcNanos(now) : sink != null ? live.idle(now, sink) : live.idle(now);
            if (kind == EventKind.IDLE && v == IDLE_INTERRUPTED) {
                // a pause cut the wait short: nothing happened for the guest, the machine asks again on resume
                return v;
            }
            appendable.appendValue(now, kind, v);
            writer.value(now, kind, v);
            cursor = log.size();
            return v;
        }
        if (cursor < log.size() && log.icount(cursor) == now && log.kind(cursor) == kind) {
            return log.value(cursor++);
        }
        if (live == null && cursor >= log.size()) {
            diverge(now, "the machine asked for " + kind + " at icount " + now + " beyond the recorded events");
        } else {
            diverge(now, "the machine asked for " + kind + " at icount " + now + " but the recording has " + expected());
        }
        return fallback;
    }
}
