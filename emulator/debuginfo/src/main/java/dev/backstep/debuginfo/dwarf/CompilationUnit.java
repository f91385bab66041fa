package dev.backstep.debuginfo.dwarf;

import dev.backstep.debuginfo.DwarfFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * One unit of .debug_info (DWARF 2-5) with its header, its DIE tree, and the resolution of attribute values that
 * depend on the unit: indexed strings and addresses, range lists and location lists (v5 and v4 encodings).
 */
public final class CompilationUnit {
    public static final int DW_UT_COMPILE = 1;
    public static final int DW_UT_TYPE = 2;
    public static final int DW_UT_PARTIAL = 3;
    public static final int DW_UT_SKELETON = 4;
    public static final int DW_UT_SPLIT_COMPILE = 5;
    public static final int DW_UT_SPLIT_TYPE = 6;

    private final DwarfSections sections;
    private final int offset;
    private final int endOffset;
    private final int version;
    private final int unitType;
    private final int addressSize;
    private final boolean dwarf64;
    private final long abbrevOffset;
    private Die root;
    private long strOffsetsBase;
    private long addrBase;
    private long rnglistsBase;
    private long loclistsBase;
    private long baseAddress;

    CompilationUnit(DwarfSections sections, int offset, int endOffset, int version, int unitType, int addressSize,
                    boolean dwarf64, long abbrevOffset) {
        this.sections = sections;
        this.offset = offset;
        this.endOffset = endOffset;
        this.version = version;
        this.unitType = unitType;
        this.addressSize = addressSize;
        this.dwarf64 = dwarf64;
        this.abbrevOffset = abbrevOffset;
        // DWARF 5 says the bases follow the 8-byte (or 16-byte) header of the contribution when not given.
        this.strOffsetsBase = dwarf64 ? 16 : 8;
        this.addrBase = 8;
        this.rnglistsBase = 0;
        this.loclistsBase = 0;
    }

    void setRoot(Die root) throws DwarfFormatException {
        this.root = root;
        Attribute a;
        if ((a = root.attribute(Dw.AT_STR_OFFSETS_BASE)) != null) {
            strOffsetsBase = a.value();
        }
        if ((a = root.attribute(Dw.AT_ADDR_BASE)) != null || (a = root.attribute(Dw.AT_GNU_ADDR_BASE)) != null) {
            addrBase = a.value();
        }
        if ((a = root.attribute(Dw.AT_RNGLISTS_BASE)) != null) {
            rnglistsBase = a.value();
        }
        if ((a = root.attribute(Dw.AT_LOCLISTS_BASE)) != null) {
            loclistsBase = a.value();
        }
        if ((a = root.attribute(Dw.AT_LOW_PC)) != null) {
            baseAddress = address(a);
        }
    }

    public int offset() {
        return offset;
    }

    public int endOffset() {
        return endOffset;
    }

    public int version() {
        return version;
    }

    public int unitType() {
        return unitType;
    }

    public int addressSize() {
        return addressSize;
    }

    public boolean isDwarf64() {
        return dwarf64;
    }

    public long abbrevOffset() {
        return abbrevOffset;
    }

    public Die root() {
        return root;
    }

    public String name() {
        try {
            return string(root.attribute(Dw.AT_NAME));
        } catch (DwarfFormatException e) {
            return null;
        }
    }

    public String compDir() {
        try {
            return string(root.attribute(Dw.AT_COMP_DIR));
        } catch (DwarfFormatException e) {
            return null;
        }
    }

    /** The string an attribute holds, whatever its string form; null for a null attribute. */
    public String string(Attribute a) throws DwarfFormatException {
        if (a == null) {
            return null;
        }
        switch (a.form()) {
            case Dw.FORM_STRING:
                return a.string();
            case Dw.FORM_STRP:
                return sections.reader(".debug_str").stringAt(a.value());
            case Dw.FORM_LINE_STRP:
                return sections.reader(".debug_line_str").stringAt(a.value());
            case Dw.FORM_STRX: case Dw.FORM_STRX1: case Dw.FORM_STRX2: case Dw.FORM_STRX3: case Dw.FORM_STRX4:
            case Dw.FORM_GNU_STR_INDEX: {
                SectionReader r = sections.reader(".debug_str_offsets");
                int size = dwarf64 ? 8 : 4;
                r.seek(strOffsetsBase + a.value() * size);
                return sections.reader(".debug_str").stringAt(r.offset(dwarf64));
            }
            default:
                throw new DwarfFormatException(".debug_info", a.offset(), Dw.attributeName(a.name())
                        + " has form " + Dw.formName(a.form()) + ", which is not a string form this reader resolves");
        }
    }

    /** The target address an attribute holds (DW_FORM_addr or an index into .debug_addr). */
    public long address(Attribute a) throws DwarfFormatException {
        switch (a.form()) {
            case Dw.FORM_ADDRX: case Dw.FORM_ADDRX1: case Dw.FORM_ADDRX2: case Dw.FORM_ADDRX3: case Dw.FORM_ADDRX4:
            case Dw.FORM_GNU_ADDR_INDEX:
                return indexedAddress(a.value());
            default:
                return a.value();
        }
    }

    /** Entry {@code index} of this unit's .debug_addr contribution. */
    public long indexedAddress(long index) throws DwarfFormatException {
        SectionReader r = sections.reader(".debug_addr");
        r.seek(addrBase + index * addressSize);
        return r.address(addressSize);
    }

    /** The pc ranges of a DIE: low_pc/high_pc, or DW_AT_ranges; empty when it has neither. */
    public List<AddressRange> ranges(Die die) throws DwarfFormatException {
        Attribute low = die.attribute(Dw.AT_LOW_PC);
        Attribute high = die.attribute(Dw.AT_HIGH_PC);
        List<AddressRange> out = new ArrayList<>();
        Attribute ranges = die.attribute(Dw.AT_RANGES);
        if (ranges != null) {
            readRanges(ranges, out);
        } else if (low != null && high != null) {
            long lo = address(low);
            long hi = high.isConstant() ? lo + high.value() : address(high);
            out.add(new AddressRange(lo, hi));
        } else if (low != null && die.tag() != Dw.TAG_COMPILE_UNIT) {
            long lo = address(low);
            out.add(new AddressRange(lo, lo + 1));
        }
        return out;
    }

    private void readRanges(Attribute a, List<AddressRange> out) throws DwarfFormatException {
        if (version >= 5) {
            SectionReader r = sections.reader(".debug_rnglists");
            long off = a.value();
            if (a.form() == Dw.FORM_RNGLISTX) {
                r.seek(rnglistsBase + a.value() * (dwarf64 ? 8 : 4));
                off = rnglistsBase + r.offset(dwarf64);
            }
            r.seek(off);
            readRngList(r, out);
        } else {
            SectionReader r = sections.reader(".debug_ranges");
            r.seek(a.value());
            long base = baseAddress;
            long max = addressSize == 8 ? -1L : 0xffffffffL;
            while (true) {
                long start = r.address(addressSize);
                long end = r.address(addressSize);
                if (start == 0 && end == 0) {
                    return;
                }
                if (start == max) {
                    base = end;
                    continue;
                }
                out.add(new AddressRange(base + start, base + end));
            }
        }
    }

    private void readRngList(SectionReader r, List<AddressRange> out) throws DwarfFormatException {
        long base = baseAddress;
        while (true) {
            int at = r.offset();
            int kind = r.u8();
            switch (kind) {
                case 0: return;
                case 1: base = indexedAddress(r.uleb()); break;
                case 2: out.add(new AddressRange(indexedAddress(r.uleb()), indexedAddress(r.uleb()))); break;
                case 3: {
                    long s = indexedAddress(r.uleb());
                    out.add(new AddressRange(s, s + r.uleb()));
                    break;
                }
                case 4: {
                    long s = r.uleb();
                    long e = r.uleb();
                    out.add(new AddressRange(base + s, base + e));
                    break;
                }
                case 5: base = r.address(addressSize); break;
                case 6: out.add(new AddressRange(r.address(addressSize), r.address(addressSize))); break;
                case 7: {
                    long s = r.address(addressSize);
                    out.add(new AddressRange(s, s + r.uleb()));
                    break;
                }
                default:
                    throw r.error(at, "unknown range list entry kind 0x" + Integer.toHexString(kind));
            }
        }
    }

    /**
     * The location list an attribute refers to (DW_FORM_sec_offset / loclistx / v4 data4 into .debug_loc).
     * Entry expressions are returned raw; evaluation happens elsewhere.
     */
    public List<LocationListEntry> locationList(Attribute a) throws DwarfFormatException {
        List<LocationListEntry> out = new ArrayList<>();
        if (version >= 5) {
            SectionReader r = sections.reader(".debug_loclists");
            long off = a.value();
            if (a.form() == Dw.FORM_LOCLISTX) {
                r.seek(loclistsBase + a.value() * (dwarf64 ? 8 : 4));
                off = loclistsBase + r.offset(dwarf64);
            }
            r.seek(off);
            long base = baseAddress;
            while (true) {
                int at = r.offset();
                int kind = r.u8();
                switch (kind) {
                    case 0: return out;
                    case 1: base = indexedAddress(r.uleb()); break;
                    case 2: {
                        long s = indexedAddress(r.uleb());
                        long e = indexedAddress(r.uleb());
                        out.add(new LocationListEntry(s, e, r.bytes(r.uleb()), false));
                        break;
                    }
                    case 3: {
                        long s = indexedAddress(r.uleb());
                        long e = s + r.uleb();
                        out.add(new LocationListEntry(s, e, r.bytes(r.uleb()), false));
                        break;
                    }
                    case 4: {
                        long s = base + r.uleb();
                        long e = base + r.uleb();
                        out.add(new LocationListEntry(s, e, r.bytes(r.uleb()), false));
                        break;
                    }
                    case 5: out.add(new LocationListEntry(0, 0, r.bytes(r.uleb()), true)); break;
                    case 6: base = r.address(addressSize); break;
                    case 7: {
                        long s = r.address(addressSize);
                        long e = r.address(addressSize);
                        out.add(new LocationListEntry(s, e, r.bytes(r.uleb()), false));
                        break;
                    }
                    case 8: {
                        long s = r.address(addressSize);
                        long e = s + r.uleb();
                        out.add(new LocationListEntry(s, e, r.bytes(r.uleb()), false));
                        break;
                    }
                    default:
                        throw r.error(at, "unknown location list entry kind 0x" + Integer.toHexString(kind));
                }
            }
        }
        SectionReader r = sections.reader(".debug_loc");
        r.seek(a.value());
        long base = baseAddress;
        long max = addressSize == 8 ? -1L : 0xffffffffL;
        while (true) {
            long start = r.address(addressSize);
            long end = r.address(addressSize);
            if (start == 0 && end == 0) {
                return out;
            }
            if (start == max) {
                base = end;
                continue;
            }
            out.add(new LocationListEntry(base + start, base + end, r.bytes(r.u16()), false));
        }
    }

    /** True when the attribute is a location list rather than a single expression. */
    public boolean isLocationList(Attribute a) {
        return a.form() == Dw.FORM_SEC_OFFSET || a.form() == Dw.FORM_LOCLISTX
                || (version < 4 && (a.form() == Dw.FORM_DATA4 || a.form() == Dw.FORM_DATA8));
    }

    @Override
    public String toString() {
        return "CU@0x" + Integer.toHexString(offset) + (root != null ? " " + name() : "");
    }
}
