package dev.backstep.debuginfo.dwarf;

import dev.backstep.debuginfo.DwarfFormatException;

import java.nio.charset.StandardCharsets;

/**
 * A little-endian cursor over one section's bytes. Every read is bounds-checked and a read past the end
 * becomes a {@link DwarfFormatException} naming the section and offset, so truncated input never crashes.
 */
public final class SectionReader {
    private final String section;
    private final byte[] data;
    private final int start;
    private final int end;
    private int pos;

    public SectionReader(String section, byte[] data) {
        this(section, data, 0, data.length);
    }

    public SectionReader(String section, byte[] data, int start, int end) {
        this.section = section;
        this.data = data;
        this.start = start;
        this.end = end;
        this.pos = start;
    }

    public String section() {
        return section;
    }

    /** Offset relative to the start of the section. */
    public int offset() {
        return pos - start;
    }

    public void seek(long offset) throws DwarfFormatException {
        if (offset < 0 || offset > end - start) {
            throw error(offset, "offset out of range (section size 0x" + Integer.toHexString(end - start) + ")");
        }
        pos = start + (int) offset;
    }

    public int size() {
        return end - start;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    public int remaining() {
        return end - pos;
    }

    /** A reader over the next {@code length} bytes, positioned at 0 relative to this section's start offsets. */
    public SectionReader limit(long length) throws DwarfFormatException {
        need(length);
        return new SectionReader(section, data, start, pos + (int) length).at(pos - start);
    }

    private SectionReader at(int offset) {
        this.pos = start + offset;
        return this;
    }

    public DwarfFormatException error(String problem) {
        return new DwarfFormatException(section, offset(), problem);
    }

    public DwarfFormatException error(long offset, String problem) {
        return new DwarfFormatException(section, offset, problem);
    }

    private void need(long n) throws DwarfFormatException {
        if (n < 0 || n > end - pos) {
            throw error("truncated: need " + n + " byte(s), " + (end - pos) + " left");
        }
    }

    public int u8() throws DwarfFormatException {
        need(1);
        return data[pos++] & 0xff;
    }

    public int s8() throws DwarfFormatException {
        need(1);
        return data[pos++];
    }

    public int u16() throws DwarfFormatException {
        need(2);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    public long u24() throws DwarfFormatException {
        need(3);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16;
        pos += 3;
        return v;
    }

    public long u32() throws DwarfFormatException {
        need(4);
        long v = (data[pos] & 0xffL) | (data[pos + 1] & 0xffL) << 8 | (data[pos + 2] & 0xffL) << 16
                | (data[pos + 3] & 0xffL) << 24;
        pos += 4;
        return v;
    }

    public long u64() throws DwarfFormatException {
        long lo = u32();
        long hi = u32();
        return lo | hi << 32;
    }

    /** An unsigned value of 1, 2, 4 or 8 bytes. */
    public long unsigned(int size) throws DwarfFormatException {
        switch (size) {
            case 1: return u8();
            case 2: return u16();
            case 4: return u32();
            case 8: return u64();
            default: throw error("unsupported value size " + size);
        }
    }

    /** A target address of the given size (4 for rv32). */
    public long address(int size) throws DwarfFormatException {
        return unsigned(size);
    }

    /** A section offset: 4 bytes in 32-bit DWARF, 8 in 64-bit DWARF. */
    public long offset(boolean dwarf64) throws DwarfFormatException {
        return dwarf64 ? u64() : u32();
    }

    public long uleb() throws DwarfFormatException {
        long result = 0;
        int shift = 0;
        int at = offset();
        while (true) {
            int b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
            if ((b & 0x80) == 0) {
                return result;
            }
            if (shift > 70) {
                throw error(at, "LEB128 value too long");
            }
        }
    }

    public long sleb() throws DwarfFormatException {
        long result = 0;
        int shift = 0;
        int at = offset();
        int b;
        do {
            b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
            if (shift > 70) {
                throw error(at, "LEB128 value too long");
            }
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** uleb that must fit in an int (counts, indexes). */
    public int ulebInt() throws DwarfFormatException {
        int at = offset();
        long v = uleb();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw error(at, "value too large: " + Long.toUnsignedString(v));
        }
        return (int) v;
    }

    public String cstring() throws DwarfFormatException {
        int s = pos;
        while (pos < end && data[pos] != 0) {
            pos++;
        }
        if (pos >= end) {
            pos = s;
            throw error("unterminated string");
        }
        String str = new String(data, s, pos - s, StandardCharsets.UTF_8);
        pos++;
        return str;
    }

    public byte[] bytes(long n) throws DwarfFormatException {
        need(n);
        byte[] b = new byte[(int) n];
        System.arraycopy(data, pos, b, 0, (int) n);
        pos += (int) n;
        return b;
    }

    public void skip(long n) throws DwarfFormatException {
        need(n);
        pos += (int) n;
    }

    /** The NUL-terminated string at an offset of this section (for .debug_str / .debug_line_str). */
    public String stringAt(long offset) throws DwarfFormatException {
        if (offset < 0 || offset >= end - start) {
            throw error(offset, "string offset out of range (section size 0x" + Integer.toHexString(end - start) + ")");
        }
        int s = start + (int) offset;
        int p = s;
        while (p < end && data[p] != 0) {
            p++;
        }
        if (p >= end) {
            throw error(offset, "unterminated string");
        }
        return new String(data, s, p - s, StandardCharsets.UTF_8);
    }
}
