package dev.backstep.debuginfo.dwarf;

import dev.backstep.debuginfo.DwarfFormatException;

/**
 * Bounds-checked lookups in the DWARF 5 tables reached through a unit's base attributes: .debug_str_offsets,
 * .debug_addr, and the offset arrays of .debug_rnglists / .debug_loclists. The base points just past a
 * contribution header; when that header is a valid DWARF 5 one, an index must stay inside its contribution,
 * otherwise (pre-standard GNU tables have no header) inside the section.
 */
final class IndexedTable {
    enum Kind {
        STR_OFFSETS("string", false), ADDR("address", false), LISTS("list", true);

        final String what;
        final boolean hasEntryCount;

        Kind(String what, boolean hasEntryCount) {
            this.what = what;
            this.hasEntryCount = hasEntryCount;
        }

        int headerSize(boolean dwarf64) {
            int lengthField = dwarf64 ? 12 : 4;
            return lengthField + 4 + (hasEntryCount ? 4 : 0);
        }
    }

    private IndexedTable() {
    }

    /** The section offset of entry {@code index} of the table at {@code base}, after checking it exists. */
    static long entryOffset(SectionReader r, Kind kind, long base, long index, int entrySize, boolean dwarf64)
            throws DwarfFormatException {
        long limit = limit(r, kind, base, entrySize, dwarf64);
        long count = limit <= base ? 0 : (limit - base) / entrySize;
        if (index < 0 || index >= count) {
            throw r.error(base, kind.what + " index " + Long.toUnsignedString(index) + " is past the end of the table"
                    + " at this base (" + count + " entr" + (count == 1 ? "y" : "ies") + ")");
        }
        return base + index * entrySize;
    }

    private static long limit(SectionReader r, Kind kind, long base, int entrySize, boolean dwarf64)
            throws DwarfFormatException {
        if (base < 0 || base > r.size()) {
            throw r.error(Math.max(base, 0), "table base 0x" + Long.toHexString(base) + " is outside the section"
                    + " (size 0x" + Integer.toHexString(r.size()) + ")");
        }
        long headerStart = base - kind.headerSize(dwarf64);
        if (headerStart < 0) {
            return r.size();
        }
        try {
            r.seek(headerStart);
            long length = dwarf64 ? skipEscape(r) : r.u32();
            long end = r.offset() + length;
            int version = r.u16();
            if (version != 5 || end > r.size() || end < base) {
                return r.size();
            }
            if (kind.hasEntryCount) {
                r.u8();
                r.u8();
                long count = r.u32();
                return Math.min(end, base + count * entrySize);
            }
            return end;
        } catch (DwarfFormatException e) {
            return r.size();
        }
    }

    private static long skipEscape(SectionReader r) throws DwarfFormatException {
        r.u32();
        return r.u64();
    }
}
