package dev.backstep.machine;

/**
 * Debugger access to the guest address space. Reads never have device side effects (MMIO is peeked);
 * unmapped addresses read as 0 (check {@link #isMapped}).
 */
public final class MemoryView {
    private final Bus bus;
    private final java.util.function.LongSupplier icount;

    MemoryView(Bus bus, java.util.function.LongSupplier icount) {
        this.bus = bus;
        this.icount = icount;
    }

    public boolean isMapped(int addr) {
        return bus.isMapped(addr);
    }

    public int read8(int addr) {
        return bus.peek(addr, 1, icount.getAsLong());
    }

    public int read16(int addr) {
        return bus.peek(addr, 2, icount.getAsLong());
    }

    public int read32(int addr) {
        return bus.peek(addr, 4, icount.getAsLong());
    }

    public void readBytes(int addr, byte[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (byte) bus.peek(addr + i, 1, icount.getAsLong());
        }
    }

    /** Writes RAM only; writes elsewhere are ignored. */
    public void write8(int addr, int v) {
        bus.poke(addr, 1, v);
    }

    public void write16(int addr, int v) {
        bus.poke(addr, 2, v);
    }

    public void write32(int addr, int v) {
        bus.poke(addr, 4, v);
    }

    public void writeBytes(int addr, byte[] src) {
        for (int i = 0; i < src.length; i++) {
            bus.poke(addr + i, 1, src[i]);
        }
    }
}
