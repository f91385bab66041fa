package dev.backstep.replay.format;

import java.util.Arrays;

/**
 * A change the debugger made to the machine state (a register, the pc, a CSR, or bytes of RAM) at the live end
 * of a record session. It is part of the recording: a replay, and every re-execution of the timeline, applies it
 * when the machine is at {@code icount}, so the run stays reproducible after the user changed a variable.
 *
 * @param icount where it was made: the state "at icount" includes it
 * @param target what it changes
 * @param index  register number (x1..x31), CSR number, or RAM address; 0 for the pc
 * @param bytes  the new value, little-endian (4 bytes for registers, pc and CSRs)
 */
public record StateEdit(long icount, Target target, int index, byte[] bytes) {
    /** What an edit changes. Codes are part of the file format: never renumber. */
    public enum Target {
        REGISTER(0), PC(1), CSR(2), MEMORY(3);

        public final int code;

        Target(int code) {
            this.code = code;
        }

        public static Target ofCode(int code) {
            for (Target t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Largest memory edit accepted (one edit is one event; larger writes are split by the caller). */
    public static final int MAX_BYTES = 1 << 16;

    public StateEdit {
        if (icount < 0 || target == null || bytes == null) {
            throw new IllegalArgumentException("incomplete state edit");
        }
        if (target != Target.MEMORY && bytes.length != 4) {
            throw new IllegalArgumentException(target + " edit needs 4 bytes, not " + bytes.length);
        }
        if (target == Target.REGISTER && (index < 1 || index > 31)) {
            throw new IllegalArgumentException("no register x" + index + " to edit");
        }
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a memory edit has 1 to " + MAX_BYTES + " bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static StateEdit register(long icount, int reg, int value) {
        return new StateEdit(icount, Target.REGISTER, reg, le(value));
    }

    public static StateEdit pc(long icount, int value) {
        return new StateEdit(icount, Target.PC, 0, le(value));
    }

    public static StateEdit csr(long icount, int csr, int value) {
        return new StateEdit(icount, Target.CSR, csr, le(value));
    }

    public static StateEdit memory(long icount, int address, byte[] bytes) {
        return new StateEdit(icount, Target.MEMORY, address, bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The value of a register, pc or CSR edit. */
    public int value() {
        return (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 24;
    }

    private static byte[] le(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateEdit e && e.icount == icount && e.target == target && e.index == index
                && Arrays.equals(e.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(icount) * 31 + target.hashCode() * 17 + index * 7 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return switch (target) {
            case REGISTER -> String.format("x%d = 0x%08x at icount %d", index, value(), icount);
            case PC -> String.format("pc = 0x%08x at icount %d", value(), icount);
            case CSR -> String.format("csr 0x%03x = 0x%08x at icount %d", index, value(), icount);
            case MEMORY -> String.format("%d bytes at 0x%08x at icount %d", bytes.length, index, icount);
        };
    }
}
