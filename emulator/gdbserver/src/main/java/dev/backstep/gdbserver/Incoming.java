package dev.backstep.gdbserver;

import java.nio.charset.StandardCharsets;

/**
 * One thing read from gdb: a packet whose checksum matched (payload still escaped for X packets),
 * an acknowledgement, a negative acknowledgement, the interrupt byte, or a damaged packet.
 */
record Incoming(Kind kind, byte[] payload, String problem) {
    enum Kind { PACKET, ACK, NACK, INTERRUPT, DAMAGED }

    static final Incoming ACK = new Incoming(Kind.ACK, null, null);
    static final Incoming NACK = new Incoming(Kind.NACK, null, null);
    static final Incoming INTERRUPT = new Incoming(Kind.INTERRUPT, null, null);

    static Incoming packet(byte[] payload) {
        return new Incoming(Kind.PACKET, payload, null);
    }

    static Incoming damaged(String why) {
        return new Incoming(Kind.DAMAGED, null, why);
    }

    /** The payload as text (ISO-8859-1, so binary bytes map one to one onto chars). */
    String text() {
        return payload == null ? "" : new String(payload, StandardCharsets.ISO_8859_1);
    }
}
