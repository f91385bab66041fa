package dev.backstep.machine;

/** One PT_LOAD segment: {@code data} (file bytes) at {@code vaddr}, zero-filled up to {@code memSize}. */
public record ElfSegment(int vaddr, int paddr, byte[] data, int memSize, int flags) {
    public boolean executable() {
        return (flags & 1) != 0;
    }
}
