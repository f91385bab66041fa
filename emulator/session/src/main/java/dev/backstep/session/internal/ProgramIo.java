package dev.backstep.session.internal;

import dev.backstep.machine.Machine;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineListener;
import dev.backstep.session.SessionException;
import dev.backstep.session.SessionListener;

/**
 * The program's output and input: UART output (and the timeline's progress) to the listener, text for the debug
 * console, and in a RECORD session the live UART input the user types.
 */
final class ProgramIo {
    private final Timeline timeline;
    private final SessionOutput output;
    /** The live input of a RECORD session (null in REPLAY). */
    private final TypedInput input;

    ProgramIo(Timeline timeline, SessionListener listener, TypedInput input) {
        this.timeline = timeline;
        this.output = new SessionOutput(listener);
        this.input = input;
        if (input != null) {
            input.beforeWait(output::flush);
        }
        timeline.setListener(new TimelineListener() {
            @Override
            public void output(byte b, long icount) {
                output.uart(b, icount);
            }

            @Override
            public void progress(String task, long done, long total) {
                output.progress(task, done, total);
            }
        });
    }

    /** A request begins: its progress is new. */
    void begin() {
        output.begin();
    }

    /** A request ends: the rest of its output goes out, its progress ends. */
    void end() {
        output.end();
    }

    /** A line of text for the debug console (log points, problems), after the program output so far. */
    void console(String text) {
        output.console(text.endsWith("\n") ? text : text + "\n", timeline.icount());
    }

    /** Wakes a guest that waits for typed input (the timeline's cancel is seen only once the machine stops). */
    void interruptWait() {
        if (input != null) {
            Machine m = timeline.machine();
            input.interruptWait(m::interrupt);
        }
    }

    /**
     * Queues typed bytes for the guest. When no request has begun, the position is checked first: input belongs
     * to the live end of a history that can still grow. While one runs, the bytes wait for the program to run live.
     */
    void send(byte[] bytes, RequestGate gate) throws SessionException {
        if (bytes == null || bytes.length == 0) {
            return;
        }
        TypedInput in = input;
        if (in == null) {
            throw new SessionException("cannot send input: this is a replay of a recording, and its input is the "
                    + "recorded one (debug in record mode to type input)");
        }
        gate.checkIfIdle(() -> {
            long now = timeline.icount();
            long end = timeline.recordedLength();
            if (now < end) {
                throw new SessionException("cannot send input at icount " + now + ": this is the recorded past "
                        + "(history goes on to icount " + end + "); go to the end to type input");
            }
            if (timeline.info().complete() && !in.ended()) {
                throw new SessionException("cannot send input: the program has ended at icount " + now);
            }
            return null;
        });
        if (!in.push(bytes)) {
            throw new SessionException("cannot send input: the program waited for input while none was queued, "
                    + "so its history ended there (launch with the console input kept open to type while it runs)");
        }
    }

    void keepInputOpen(boolean on) {
        if (input != null) {
            input.keepOpen(on);
        }
    }
}
