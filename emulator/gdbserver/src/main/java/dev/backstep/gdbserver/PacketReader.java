package dev.backstep.gdbserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits the byte stream from gdb into {@link Incoming} items. Bytes outside a packet other than
 * '+', '-' and 0x03 are noise and skipped; an over-long packet or a bad checksum yields DAMAGED
 * (the caller NAKs it in acknowledgement mode) and reading resynchronises on the next '$'.
 */
final class PacketReader {
    private final InputStream in;
    private final int maxPacket;

    PacketReader(InputStream in, int maxPacket) {
        this.in = in;
        this.maxPacket = maxPacket;
    }

    /** The next item, or null at end of stream. */
    Incoming next() throws IOException {
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            switch (c) {
                case '+':
                    return Incoming.ACK;
                case '-':
                    return Incoming.NACK;
                case 0x03:
                    return Incoming.INTERRUPT;
                case '$':
                    return readBody();
                default:
                    // noise between packets (gdb sends none; a terminal might)
            }
        }
    }

    private Incoming readBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64);
        boolean tooLong = false;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == '$') {
                // a new packet started before this one ended: drop the fragment
                body.reset();
                tooLong = false;
                continue;
            }
            if (c == '#') {
                break;
            }
            if (body.size() >= maxPacket) {
                tooLong = true;
            } else {
                body.write(c);
            }
        }
        int h = in.read();
        int l = in.read();
        if (h < 0 || l < 0) {
            return null;
        }
        if (tooLong) {
            return Incoming.damaged("packet longer than " + maxPacket + " bytes");
        }
        byte[] payload = body.toByteArray();
        int sent;
        try {
            sent = (Hex.digit((char) h) << 4) | Hex.digit((char) l);
        } catch (IllegalArgumentException e) {
            return Incoming.damaged("checksum is not two hex digits");
        }
        int actual = RspCodec.checksum(payload, 0, payload.length);
        if (sent != actual) {
            return Incoming.damaged(String.format("checksum mismatch: packet says %02x, content sums to %02x", sent, actual));
        }
        return Incoming.packet(payload);
    }
}
