package dev.backstep.debuginfo;

import dev.backstep.debuginfo.dwarf.Attribute;
import dev.backstep.debuginfo.dwarf.CompilationUnit;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.dwarf.DwarfSections;
import dev.backstep.debuginfo.dwarf.UnitParser;
import dev.backstep.debuginfo.elf.ElfFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the split units of a {@code -gsplit-dwarf} build from their .dwo files and joins each to its skeleton.
 * Only DWARF 5 split units are read; a GNU DWARF 4 skeleton (DW_AT_GNU_dwo_name) and a .dwo that cannot be found
 * or does not hold the unit with the skeleton's DWO id leave the skeleton alone, and are reported as missing.
 */
final class SplitUnits {
    private static final String[][] DWO_SECTIONS = {
        {".debug_info", ".debug_info.dwo"}, {".debug_abbrev", ".debug_abbrev.dwo"}, {".debug_str", ".debug_str.dwo"},
        {".debug_str_offsets", ".debug_str_offsets.dwo"}, {".debug_rnglists", ".debug_rnglists.dwo"},
        {".debug_loclists", ".debug_loclists.dwo"}, {".debug_line", ".debug_line.dwo"}};

    final List<CompilationUnit> units = new ArrayList<>();
    final List<String> missing = new ArrayList<>();

    /** Reads the .dwo units of every skeleton in {@code main}; their offsets start at {@code firstOffset}. */
    SplitUnits(List<CompilationUnit> main, DwarfSections mainSections, SplitDwarfFiles files, int firstOffset)
            throws DwarfFormatException {
        int base = firstOffset;
        for (CompilationUnit skeleton : main) {
            if (!skeleton.isSkeleton()) {
                continue;
            }
            String dwoName = skeleton.string(skeleton.root().attribute(Dw.AT_DWO_NAME));
            if (dwoName == null || skeleton.version() < 5) {
                Attribute gnu = skeleton.root().attribute(Dw.AT_GNU_DWO_NAME);
                missing.add((gnu != null ? skeleton.string(gnu) : dwoName) + " (DWARF 4 split units are not read)");
                continue;
            }
            Optional<byte[]> bytes;
            try {
                bytes = files.read(skeleton.compDir(), dwoName);
            } catch (IOException e) {
                missing.add(dwoName + " (" + e.getMessage() + ")");
                continue;
            }
            if (bytes.isEmpty()) {
                missing.add(dwoName + " (not found)");
                continue;
            }
            DwarfSections sections = dwoSections(dwoName, bytes.get(), mainSections);
            CompilationUnit found = null;
            for (CompilationUnit cu : new UnitParser(sections, base).parseAll()) {
                if (cu.unitType() == CompilationUnit.DW_UT_SPLIT_COMPILE && cu.dwoId() == skeleton.dwoId()) {
                    cu.linkSkeleton(skeleton);
                    found = cu;
                    units.add(cu);
                }
            }
            if (found == null) {
                missing.add(dwoName + " (no unit with DWO id 0x" + Long.toHexString(skeleton.dwoId()) + ")");
            }
            base += Math.max(sections.size(".debug_info"), 1);
        }
    }

    private static DwarfSections dwoSections(String dwoName, byte[] dwo, DwarfSections main)
            throws DwarfFormatException {
        ElfFile elf;
        try {
            elf = ElfFile.parse(dwo);
        } catch (ElfFormatException e) {
            throw new DwarfFormatException(dwoName, 0, "not a readable .dwo file: " + e.getMessage());
        }
        DwarfSections sections = new DwarfSections();
        for (String[] s : DWO_SECTIONS) {
            Optional<byte[]> b;
            try {
                b = elf.sectionBytes(s[1]);
            } catch (ElfFormatException e) {
                throw new DwarfFormatException(dwoName + " " + s[1], 0, e.getMessage());
            }
            if (b.isPresent()) {
                sections.putAs(s[0], dwoName + " " + s[1], b.get());
            }
        }
        // Addresses stay in the executable: a .dwo has no relocations to apply.
        sections.share(main, ".debug_addr");
        return sections;
    }
}
