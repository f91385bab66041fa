package dev.backstep.debuginfo;

/**
 * Target memory as the debug-info layer sees it (little-endian, 32-bit addresses).
 * Implementations throw {@link MemoryAccessException} for addresses they cannot read.
 */
public interface MemoryReader {
    byte[] readBytes(int addr, int length);

    default int read32(int addr) {
        byte[] b = readBytes(addr, 4);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    default int read16(int addr) {
        byte[] b = readBytes(addr, 2);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8;
    }

    /** A reader that can read nothing: for evaluating expressions that need no memory. */
    MemoryReader NONE = (addr, length) -> {
        throw new MemoryAccessException(addr, length);
    };
}
