package dev.backstep.session;

/**
 * Memory read at the current position: {@code bytes} from {@code address}; {@code unreadable} bytes after them
 * could not be read (outside RAM or device registers).
 */
public record MemoryBlock(long address, byte[] bytes, int unreadable) {
}
