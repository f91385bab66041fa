package dev.backstep.debuginfo.dwarf;

import dev.backstep.debuginfo.DwarfFormatException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the unit headers and DIE trees of .debug_info, sharing abbreviation tables between units. */
public final class UnitParser {
    private static final int MAX_DEPTH = 512;

    private final DwarfSections sections;
    private final int offsetBase;
    private final Map<Long, AbbreviationTable> abbrevCache = new HashMap<>();

    public UnitParser(DwarfSections sections) {
        this(sections, 0);
    }

    /**
     * @param offsetBase added to unit and DIE offsets (and so to references), to keep the DIEs of several files
     *                   (an executable and its .dwo files) in one offset space
     */
    public UnitParser(DwarfSections sections, int offsetBase) {
        this.sections = sections;
        this.offsetBase = offsetBase;
    }

    public List<CompilationUnit> parseAll() throws DwarfFormatException {
        List<CompilationUnit> units = new ArrayList<>();
        SectionReader r = sections.reader(".debug_info");
        while (!r.atEnd()) {
            CompilationUnit cu = parseHeader(r);
            units.add(cu);
            r.seek(cu.endOffset() - offsetBase);
        }
        return units;
    }

    private CompilationUnit parseHeader(SectionReader r) throws DwarfFormatException {
        int start = r.offset();
        long length = r.u32();
        boolean dwarf64 = false;
        if (length == 0xffffffffL) {
            dwarf64 = true;
            length = r.u64();
        } else if (length >= 0xfffffff0L) {
            throw r.error(start, "reserved unit length 0x" + Long.toHexString(length));
        }
        int contentStart = r.offset();
        if (length > r.remaining()) {
            throw r.error(start, "unit length 0x" + Long.toHexString(length) + " runs past the end of the section"
                    + " (0x" + Integer.toHexString(r.remaining()) + " bytes left; truncated?)");
        }
        int end = contentStart + (int) length;
        SectionReader u = r.limit(length);
        int version = u.u16();
        if (version < 2 || version > 5) {
            throw u.error(start + (dwarf64 ? 12 : 4), "unsupported DWARF version " + version);
        }
        int unitType = CompilationUnit.DW_UT_COMPILE;
        int addressSize;
        long abbrevOffset;
        long dwoId = 0;
        if (version >= 5) {
            unitType = u.u8();
            addressSize = u.u8();
            abbrevOffset = u.offset(dwarf64);
            switch (unitType) {
                case CompilationUnit.DW_UT_COMPILE: case CompilationUnit.DW_UT_PARTIAL:
                    break;
                case CompilationUnit.DW_UT_SKELETON: case CompilationUnit.DW_UT_SPLIT_COMPILE:
                    dwoId = u.u64();
                    break;
                case CompilationUnit.DW_UT_TYPE: case CompilationUnit.DW_UT_SPLIT_TYPE:
                    u.u64();
                    u.offset(dwarf64);
                    break;
                default:
                    throw u.error(start, "unknown unit type 0x" + Integer.toHexString(unitType));
            }
        } else {
            abbrevOffset = u.offset(dwarf64);
            addressSize = u.u8();
        }
        if (addressSize != 4 && addressSize != 8) {
            throw u.error(start, "unsupported address size " + addressSize);
        }
        CompilationUnit cu = new CompilationUnit(sections, start + offsetBase, end + offsetBase, version, unitType,
                addressSize, dwarf64, abbrevOffset, dwoId, offsetBase);
        AbbreviationTable abbrevs = abbrevCache.get(abbrevOffset);
        if (abbrevs == null) {
            abbrevs = AbbreviationTable.parse(sections.reader(".debug_abbrev"), abbrevOffset);
            abbrevCache.put(abbrevOffset, abbrevs);
        }
        Die root = parseTree(u, cu, abbrevs);
        if (root == null) {
            throw u.error(start, "unit has no DIEs");
        }
        cu.setRoot(root);
        return cu;
    }

    private Die parseTree(SectionReader u, CompilationUnit cu, AbbreviationTable abbrevs) throws DwarfFormatException {
        Die root = null;
        List<List<Die>> siblings = new ArrayList<>();
        List<Die> parents = new ArrayList<>();
        siblings.add(new ArrayList<>());
        parents.add(null);
        while (!u.atEnd()) {
            int at = u.offset();
            long code = u.uleb();
            int depth = parents.size() - 1;
            if (code == 0) {
                if (depth == 0) {
                    continue; // padding after the root
                }
                Die parent = parents.remove(depth);
                parent.setChildren(siblings.remove(depth));
                continue;
            }
            Abbreviation ab = abbrevs.get(code);
            if (ab == null) {
                throw u.error(at, "unknown abbreviation code " + code + " (abbrev table at .debug_abbrev+0x"
                        + Long.toHexString(cu.abbrevOffset()) + ")");
            }
            List<Attribute> attrs = new ArrayList<>(ab.specs().size());
            for (Abbreviation.Spec s : ab.specs()) {
                attrs.add(readAttribute(u, cu, s.name(), s.form(), s.implicitConst()));
            }
            Die die = new Die(cu, at + offsetBase, depth, ab, List.copyOf(attrs), parents.get(depth));
            if (depth == 0) {
                if (root != null) {
                    throw u.error(at, "second top-level DIE in unit");
                }
                root = die;
            } else {
                siblings.get(depth).add(die);
            }
            if (ab.hasChildren()) {
                if (parents.size() > MAX_DEPTH) {
                    throw u.error(at, "DIE tree deeper than " + MAX_DEPTH);
                }
                parents.add(die);
                siblings.add(new ArrayList<>());
            }
        }
        // A producer may omit trailing null entries; close what is still open.
        for (int d = parents.size() - 1; d >= 1; d--) {
            parents.get(d).setChildren(siblings.get(d));
        }
        return root;
    }

    private Attribute readAttribute(SectionReader u, CompilationUnit cu, int name, int form, long implicit)
            throws DwarfFormatException {
        int at = u.offset();
        boolean d64 = cu.isDwarf64();
        switch (form) {
            case Dw.FORM_ADDR: return num(name, form, at, u.address(cu.addressSize()));
            case Dw.FORM_BLOCK1: return blk(name, form, at, u.bytes(u.u8()));
            case Dw.FORM_BLOCK2: return blk(name, form, at, u.bytes(u.u16()));
            case Dw.FORM_BLOCK4: return blk(name, form, at, u.bytes(u.u32()));
            case Dw.FORM_BLOCK: case Dw.FORM_EXPRLOC: return blk(name, form, at, u.bytes(u.uleb()));
            case Dw.FORM_DATA1: case Dw.FORM_FLAG: case Dw.FORM_REF1: case Dw.FORM_STRX1: case Dw.FORM_ADDRX1:
                return fix(name, form, at, cu, u.u8());
            case Dw.FORM_DATA2: case Dw.FORM_REF2: case Dw.FORM_STRX2: case Dw.FORM_ADDRX2:
                return fix(name, form, at, cu, u.u16());
            case Dw.FORM_STRX3: case Dw.FORM_ADDRX3: return num(name, form, at, u.u24());
            case Dw.FORM_DATA4: case Dw.FORM_REF4: case Dw.FORM_STRX4: case Dw.FORM_ADDRX4: case Dw.FORM_REF_SUP4:
                return fix(name, form, at, cu, u.u32());
            case Dw.FORM_DATA8: case Dw.FORM_REF8: case Dw.FORM_REF_SIG8: case Dw.FORM_REF_SUP8:
                return fix(name, form, at, cu, u.u64());
            case Dw.FORM_DATA16: return blk(name, form, at, u.bytes(16));
            case Dw.FORM_STRING: return new Attribute(name, form, at, 0, null, u.cstring());
            case Dw.FORM_SDATA: return num(name, form, at, u.sleb());
            case Dw.FORM_UDATA: return num(name, form, at, u.uleb());
            case Dw.FORM_REF_UDATA: return num(name, form, at, cu.offset() + u.uleb());
            case Dw.FORM_STRP: case Dw.FORM_LINE_STRP: case Dw.FORM_SEC_OFFSET: case Dw.FORM_STRP_SUP:
            case Dw.FORM_GNU_REF_ALT: case Dw.FORM_GNU_STRP_ALT:
                return num(name, form, at, u.offset(d64));
            case Dw.FORM_REF_ADDR:
                return num(name, form, at, offsetBase + (cu.version() <= 2 ? u.address(cu.addressSize()) : u.offset(d64)));
            case Dw.FORM_FLAG_PRESENT: return num(name, form, at, 1);
            case Dw.FORM_IMPLICIT_CONST: return num(name, form, at, implicit);
            case Dw.FORM_STRX: case Dw.FORM_ADDRX: case Dw.FORM_LOCLISTX: case Dw.FORM_RNGLISTX:
            case Dw.FORM_GNU_ADDR_INDEX: case Dw.FORM_GNU_STR_INDEX:
                return num(name, form, at, u.uleb());
            case Dw.FORM_INDIRECT: {
                int actual = u.ulebInt();
                if (actual == Dw.FORM_INDIRECT || actual == Dw.FORM_IMPLICIT_CONST || !Dw.isKnownForm(actual)) {
                    throw u.error(at, "bad indirect form 0x" + Integer.toHexString(actual));
                }
                Attribute a = readAttribute(u, cu, name, actual, 0);
                return new Attribute(a.name(), a.form(), at, a.value(), a.block(), a.string());
            }
            default:
                throw u.error(at, "unknown form 0x" + Integer.toHexString(form) + " for " + Dw.attributeName(name));
        }
    }

    private static Attribute num(int name, int form, int at, long v) {
        return new Attribute(name, form, at, v, null, null);
    }

    private static Attribute blk(int name, int form, int at, byte[] b) {
        return new Attribute(name, form, at, 0, b, null);
    }

    /** Fixed-size forms; unit-relative references become absolute .debug_info offsets. */
    private static Attribute fix(int name, int form, int at, CompilationUnit cu, long v) {
        switch (form) {
            case Dw.FORM_REF1: case Dw.FORM_REF2: case Dw.FORM_REF4: case Dw.FORM_REF8:
                return num(name, form, at, cu.offset() + v);
            default:
                return num(name, form, at, v);
        }
    }
}
