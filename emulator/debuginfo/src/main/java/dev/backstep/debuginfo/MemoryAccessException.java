package dev.backstep.debuginfo;

/** Thrown by a {@link MemoryReader} when the target memory at an address cannot be read. */
public class MemoryAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int address;

    public MemoryAccessException(int address, int length) {
        super("cannot read " + length + " byte(s) at 0x" + Integer.toHexString(address));
        this.address = address;
    }

    public int address() {
        return address;
    }
}
