package dev.backstep.replay.format;

import dev.backstep.machine.SemihostCall;
import dev.backstep.machine.SemihostReply;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A SEMIHOST event's bytes: the kind of request (checked on replay: the machine must ask the same) and the host's
 * reply. Packed as u8 kind, i64 value, i32 errno, then the data, little-endian.
 */
public final class SemihostEvent {
    static final int HEAD = 13;
    /** The largest payload accepted when reading (a read of MAX_TRANSFER bytes and its head). */
    public static final int MAX_BYTES = (1 << 20) + HEAD;

    private SemihostEvent() {
    }

    public static byte[] pack(SemihostCall.Kind kind, SemihostReply r) {
        ByteBuffer b = ByteBuffer.allocate(HEAD + r.data().length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) kind.code).putLong(r.value()).putInt(r.errno()).put(r.data());
        return b.array();
    }

    /** The request kind of packed bytes, or null when they are not a valid event. */
    public static SemihostCall.Kind kind(byte[] packed) {
        return packed.length < HEAD ? null : SemihostCall.Kind.ofCode(packed[0] & 0xFF);
    }

    public static SemihostReply reply(byte[] packed) {
        ByteBuffer b = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
        b.get();
        long value = b.getLong();
        int errno = b.getInt();
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return new SemihostReply(value, errno, data);
    }
}
