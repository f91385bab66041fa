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
    private final long dwoId;
    private final int offsetBase;
    private Die root;
    /** The bases of the indexed tables; -1 while the unit gives none (then using the table is an error). */
    private long strOffsetsBase = -1;
    private long addrBase = -1;
    private long rnglistsBase = -1;
    private long loclistsBase = -1;
    private long baseAddress;
    private DwarfFormatException baseAddressError;
    private CompilationUnit skeleton;

    CompilationUnit(DwarfSections sections, int offset, int endOffset, int version, int unitType, int addressSize,
                    boolean dwarf64, long abbrevOffset, long dwoId, int offsetBase) {
        this.sections = sections;
        this.offset = offset;
        this.endOffset = endOffset;
        this.version = version;
        this.unitType = unitType;
        this.addressSize = addressSize;
        this.dwarf64 = dwarf64;
        this.abbrevOffset = abbrevOffset;
        this.dwoId = dwoId;
        this.offsetBase = offsetBase;
    }

    void setRoot(Die root) throws DwarfFormatException {
        this.root = root;
        if (isSplit()) {
            // A .dwo holds one contribution per table, so DWARF 5 puts the bases right after their headers.
            strOffsetsBase = IndexedTable.Kind.STR_OFFSETS.headerSize(dwarf64);
            rnglistsBase = IndexedTable.Kind.LISTS.headerSize(dwarf64);
            loclistsBase = IndexedTable.Kind.LISTS.headerSize(dwarf64);
        }
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
            try {
                baseAddress = address(a);
            } catch (DwarfFormatException e) {
                // keep the unit readable; only lists relative to the base address need it
                baseAddressError = e;
            }
        }
    }

    private long baseAddress() throws DwarfFormatException {
        if (baseAddressError != null) {
            throw baseAddressError;
        }
        return baseAddress;
    }

    /**
     * Joins a split unit (from a .dwo) to its skeleton in the executable: the skeleton gives the .debug_addr base,
     * the base address for range and location lists, and the line table.
     */
    public void linkSkeleton(CompilationUnit skeleton) {
        this.skeleton = skeleton;
        if (root.attribute(Dw.AT_ADDR_BASE) == null) {
            addrBase = skeleton.addrBase;
        }
        if (root.attribute(Dw.AT_LOW_PC) == null) {
            baseAddress = skeleton.baseAddress;
            baseAddressError = skeleton.baseAddressError;
        }
    }

    /** The skeleton unit in the executable this split unit belongs to; null for other units. */
    public CompilationUnit skeleton() {
        return skeleton;
    }

    /** A split unit read from a .dwo file (DW_UT_split_compile / split_type). */
    public boolean isSplit() {
        return unitType == DW_UT_SPLIT_COMPILE || unitType == DW_UT_SPLIT_TYPE;
    }

    /** A skeleton unit whose DIEs live in a .dwo file (DW_UT_skeleton, or a GNU DWARF 4 DW_AT_GNU_dwo_name). */
    public boolean isSkeleton() {
        return unitType == DW_UT_SKELETON || (root != null && root.has(Dw.AT_GNU_DWO_NAME));
    }

    /** The DWO id of a skeleton or split unit (header field in DWARF 5), 0 when none. */
    public long dwoId() {
        return dwoId;
    }

    /**
     * Offset of the unit header, unique across the program: the offset in .debug_info, or for a unit from a .dwo
     * file its offset in that file's .debug_info.dwo plus a base that keeps it clear of every other unit's DIEs.
     * DIE offsets and references are in the same space.
     */
    public int offset() {
        return offset;
    }

    public int endOffset() {
        return endOffset;
    }

    /** The offset of the unit header in its own section ({@link #offset()} less the base of a .dwo's units). */
    public int sectionOffset() {
        return offset - offsetBase;
    }

    /** What {@link #offset()} and DIE offsets add to offsets in the unit's own section (0 outside .dwo files). */
    public int offsetBase() {
        return offsetBase;
    }

    /** The section the unit's DIEs were read from: ".debug_info", or ".debug_info.dwo" with its file. */
    public String infoSection() {
        return sections.label(".debug_info");
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
            case Dw.FORM_GNU_STR_INDEX:
                return indexedString(a);
            default:
                throw new DwarfFormatException(infoSection(), a.offset(), Dw.attributeName(a.name())
                        + " has form " + Dw.formName(a.form()) + ", which is not a string form this reader resolves");
        }
    }

    private String indexedString(Attribute a) throws DwarfFormatException {
        if (strOffsetsBase < 0) {
            throw missingBase(a, "DW_AT_str_offsets_base", ".debug_str_offsets");
        }
        SectionReader r = sections.reader(".debug_str_offsets");
        try {
            int size = dwarf64 ? 8 : 4;
            r.seek(IndexedTable.entryOffset(r, IndexedTable.Kind.STR_OFFSETS, strOffsetsBase, a.value(), size, dwarf64));
            return sections.reader(".debug_str").stringAt(r.offset(dwarf64));
        } catch (DwarfFormatException e) {
            throw inAttribute(a, e);
        }
    }

    private DwarfFormatException missingBase(Attribute a, String base, String table) {
        return new DwarfFormatException(infoSection(), a.offset(), Dw.attributeName(a.name()) + " ("
                + Dw.formName(a.form()) + ") indexes " + table + " but the unit at 0x"
                + Integer.toHexString(sectionOffset()) + " has no " + base);
    }

    private DwarfFormatException inAttribute(Attribute a, DwarfFormatException cause) {
        DwarfFormatException e = new DwarfFormatException(infoSection(), a.offset(),
                Dw.attributeName(a.name()) + " (" + Dw.formName(a.form()) + " " + a.value() + "): "
                        + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    /** The target address an attribute holds (DW_FORM_addr or an index into .debug_addr). */
    public long address(Attribute a) throws DwarfFormatException {
        switch (a.form()) {
            case Dw.FORM_ADDRX: case Dw.FORM_ADDRX1: case Dw.FORM_ADDRX2: case Dw.FORM_ADDRX3: case Dw.FORM_ADDRX4:
            case Dw.FORM_GNU_ADDR_INDEX:
                if (addrBase < 0) {
                    throw missingBase(a, "DW_AT_addr_base", ".debug_addr");
                }
                try {
                    return indexedAddress(a.value());
                } catch (DwarfFormatException e) {
                    throw inAttribute(a, e);
                }
            default:
                return a.value();
        }
    }

    /** Entry {@code index} of this unit's .debug_addr contribution (DW_FORM_addrx*, DW_OP_addrx, list entries). */
    public long indexedAddress(long index) throws DwarfFormatException {
        if (addrBase < 0) {
            throw new DwarfFormatException(infoSection(), sectionOffset(), "address index " + index
                    + " used, but the unit has no DW_AT_addr_base");
        }
        SectionReader r = sections.reader(".debug_addr");
        r.seek(IndexedTable.entryOffset(r, IndexedTable.Kind.ADDR, addrBase, index, addressSize, dwarf64));
        return r.address(addressSize);
    }

    /**
     * The offset in .debug_rnglists / .debug_loclists of the list a DW_AT_ranges or location attribute names:
     * the section offset itself, or for DW_FORM_rnglistx / loclistx the entry of the unit's offsets table plus
     * its base.
     */
    public long listOffset(Attribute a) throws DwarfFormatException {
        boolean ranges = a.form() == Dw.FORM_RNGLISTX;
        if (!ranges && a.form() != Dw.FORM_LOCLISTX) {
            return a.value();
        }
        long base = ranges ? rnglistsBase : loclistsBase;
        String table = ranges ? ".debug_rnglists" : ".debug_loclists";
        if (base < 0) {
            throw missingBase(a, ranges ? "DW_AT_rnglists_base" : "DW_AT_loclists_base", table);
        }
        SectionReader r = sections.reader(table);
        try {
            int size = dwarf64 ? 8 : 4;
            r.seek(IndexedTable.entryOffset(r, IndexedTable.Kind.LISTS, base, a.value(), size, dwarf64));
            return base + r.offset(dwarf64);
        } catch (DwarfFormatException e) {
            throw inAttribute(a, e);
        }
    }

    /** The pc ranges of a DIE: low_pc/high_pc, or DW_AT_ranges; empty when it has neither. */
    public List<AddressRange> ranges(Die die) throws DwarfFormatException {
        Attribute low = die.attribute(Dw.AT_LOW_PC);
        Attribute high = die.attribute(Dw.AT_HIGH_PC);
        List<AddressRange> out = new ArrayList<>();
        Attribute ranges = die.attribute(Dw.AT_RANGES);
        if (ranges != null) {
            readRanges(ranges, out);
            // gcc emits empty ranges (where an inlined copy once began); they cover no code (gdb drops them too)
            out.removeIf(AddressRange::isEmpty);
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
            long off = listOffset(a);
            SectionReader r = sections.reader(".debug_rnglists");
            r.seek(off);
            readRngList(r, out);
        } else {
            SectionReader r = sections.reader(".debug_ranges");
            r.seek(a.value());
            long base = baseAddress();
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
        long base = -1;
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
                    long b = base >= 0 ? base : baseAddress();
                    out.add(new AddressRange(b + s, b + e));
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
            long off = listOffset(a);
            SectionReader r = sections.reader(".debug_loclists");
            r.seek(off);
            long base = -1;
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
                        long b = base >= 0 ? base : baseAddress();
                        long s = b + r.uleb();
                        long e = b + r.uleb();
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
        long base = baseAddress();
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
        return (offsetBase != 0 ? infoSection() + " " : "") + "CU@0x" + Integer.toHexString(sectionOffset())
                + (root != null ? " " + name() : "");
    }
}
