package dev.backstep.debuginfo.dwarf;

/** A half-open range of target addresses [start, end), as unsigned values in longs. */
public record AddressRange(long start, long end) {
    public boolean contains(long addr) {
        return addr >= start && addr < end;
    }

    public boolean isEmpty() {
        return end <= start;
    }

    @Override
    public String toString() {
        return "[0x" + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ")";
    }
}
