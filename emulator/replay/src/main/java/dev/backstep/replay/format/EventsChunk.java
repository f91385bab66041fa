package dev.backstep.replay.format;

import dev.backstep.replay.log.DigestLog;
import dev.backstep.replay.log.EventLog;

import java.util.ArrayList;
import java.util.List;

/**
 * One EVENTS chunk decoded: its inputs (UART, RTC, IDLE, SEMIHOST), digests and state edits. The reader decodes every chunk once to check it
 * (keeping only digests and edits), and {@link RecordedEvents} decodes a chunk again when a replay reaches its inputs.
 */
record EventsChunk(long covered, EventLog inputs, DigestLog digests, List<StateEdit> edits) {

    /** What the chunks before this one ended with, for the checks that span chunks. */
    record Before(long covered, long lastInput, long lastDigest, long lastEdit) {
        static final Before NOTHING = new Before(Long.MIN_VALUE, Long.MIN_VALUE, -1, Long.MIN_VALUE);
    }

    static EventsChunk decode(ByteSource in, Before before) throws ByteSource.Malformed {
        long icount = in.i64();
        long cover = in.i64();
        int count = in.i32();
        if (cover < before.covered()) {
            throw new ByteSource.Malformed("coverage goes back from " + before.covered() + " to " + cover);
        }
        if (count < 0) {
            throw new ByteSource.Malformed("negative event count " + count);
        }
        EventLog inputs = new EventLog();
        DigestLog digests = new DigestLog();
        List<StateEdit> edits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long delta = in.uvarint();
            if (delta < 0 || icount + delta < icount) {
                throw new ByteSource.Malformed("icount overflows at event " + i);
            }
            icount += delta;
            if (icount < before.covered()) {
                throw new ByteSource.Malformed("event at icount " + icount + " behind covered icount " + before.covered());
            }
            int code = in.u8();
            EventKind kind = EventKind.ofCode(code);
            if (kind == null) {
                throw new ByteSource.Malformed("unknown event kind " + code + " at icount " + icount);
            }
            switch (kind) {
                case UART_RX -> {
                    long len = in.uvarint();
                    if (len > (1 << 20)) {
                        throw new ByteSource.Malformed("UART event of " + len + " bytes");
                    }
                    byte[] data = in.bytes((int) len);
                    inputs.appendUart(icount, data, 0, data.length);
                }
                case DIGEST -> {
                    long d = in.i64();
                    if (icount <= digests.lastIcount() || icount <= before.lastDigest()) {
                        throw new ByteSource.Malformed("digest icounts not increasing at " + icount);
                    }
                    digests.append(icount, d);
                }
                case STATE_EDIT -> edits.add(parseEdit(in, icount));
                case SEMIHOST -> {
                    long len = in.uvarint();
                    if (len > SemihostEvent.MAX_BYTES) {
                        throw new ByteSource.Malformed("semihosting event of " + len + " bytes");
                    }
                    byte[] data = in.bytes((int) len);
                    if (SemihostEvent.kind(data) == null) {
                        throw new ByteSource.Malformed("semihosting event without a known request at " + icount);
                    }
                    inputs.appendSemihost(icount, data);
                }
                default -> inputs.appendValue(icount, kind, in.i64());
            }
        }
        if (in.hasMore()) {
            throw new ByteSource.Malformed("trailing bytes after " + count + " events");
        }
        if (inputs.size() > 0 && inputs.icount(0) < before.lastInput()) {
            throw new ByteSource.Malformed("events go back in time at icount " + inputs.icount(0));
        }
        if (!edits.isEmpty() && edits.get(0).icount() < before.lastEdit()) {
            throw new ByteSource.Malformed("state edits go back in time at icount " + edits.get(0).icount());
        }
        return new EventsChunk(cover, inputs, digests, edits);
    }

    private static StateEdit parseEdit(ByteSource in, long icount) throws ByteSource.Malformed {
        int code = in.u8();
        StateEdit.Target target = StateEdit.Target.ofCode(code);
        if (target == null) {
            throw new ByteSource.Malformed("unknown state edit target " + code + " at icount " + icount);
        }
        int index = in.i32();
        long len = in.uvarint();
        if (len < 1 || len > StateEdit.MAX_BYTES) {
            throw new ByteSource.Malformed("state edit of " + len + " bytes at icount " + icount);
        }
        byte[] bytes = in.bytes((int) len);
        try {
            return new StateEdit(icount, target, index, bytes);
        } catch (IllegalArgumentException e) {
            throw new ByteSource.Malformed(e.getMessage() + " at icount " + icount);
        }
    }
}
