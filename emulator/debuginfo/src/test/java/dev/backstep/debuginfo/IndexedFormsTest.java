package dev.backstep.debuginfo;

import dev.backstep.debuginfo.dwarf.AddressRange;
import dev.backstep.debuginfo.dwarf.CompilationUnit;
import dev.backstep.debuginfo.dwarf.Die;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.dwarf.DwarfSections;
import dev.backstep.debuginfo.dwarf.LocationListEntry;
import dev.backstep.debuginfo.dwarf.UnitParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DWARF 5 indexed forms gcc does not emit for our fixtures (strx1-4, addrx1-4; strx/addrx/rnglistx/loclistx
 * appear in the split fixtures too) on sections written byte by byte here: one unit whose tables each sit after
 * another unit's contribution, so a wrong base reads the wrong entry; and the bad cases.
 */
class IndexedFormsTest {
    /** Little-endian byte writer for hand-made sections. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            return u8(v).u8(v >> 8);
        }

        Bytes u24(int v) {
            return u16(v).u8(v >> 16);
        }

        Bytes u32(long v) {
            return u16((int) v).u16((int) (v >> 16));
        }

        Bytes uleb(long v) {
            do {
                int b = (int) (v & 0x7f);
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Bytes str(String s) {
            out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return u8(0);
        }

        Bytes bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    /** What the hand-made unit uses; tests change one thing at a time. */
    static final class Unit {
        boolean bases = true;
        int nameIndex = 1;          // strx1
        int rangesIndex = 0;        // rnglistx
        int locationIndex = 0;      // loclistx
        int highPcIndex = 4;        // addrx4

        static final long[] ADDRESSES = {0x80000100L, 0x80000200L, 0x80000300L, 0x80000400L, 0x80000480L};
        static final String[] STRINGS = {"unit.c", "counter", "GNU C17", "/src", "fn", "blk"};

        DwarfSections sections() {
            DwarfSections s = new DwarfSections();
            // .debug_str and its offsets table, after a 2-entry contribution of some other unit
            Bytes str = new Bytes();
            long[] strOff = new long[STRINGS.length];
            str.str("other");
            for (int i = 0; i < STRINGS.length; i++) {
                strOff[i] = str.size();
                str.str(STRINGS[i]);
            }
            Bytes offsets = new Bytes().u32(4 + 2 * 4).u16(5).u16(0).u32(0).u32(0);
            int strBase = offsets.size() + 8;
            offsets.u32(4 + STRINGS.length * 4).u16(5).u16(0);
            for (long o : strOff) {
                offsets.u32(o);
            }
            // .debug_addr, after a 1-entry contribution
            Bytes addr = new Bytes().u32(4 + 4).u16(5).u8(4).u8(0).u32(0xdeadbeefL);
            int addrBase = addr.size() + 8;
            addr.u32(4 + ADDRESSES.length * 4).u16(5).u8(4).u8(0);
            for (long a : ADDRESSES) {
                addr.u32(a);
            }
            // .debug_rnglists: a header with one offset, then [addr 2, +0x40) and [addr 3, +0x10)
            Bytes rng = new Bytes().u32(0).u16(5).u8(4).u8(0).u32(1);
            int rngBase = rng.size();
            rng.u32(4);
            rng.u8(3).uleb(2).uleb(0x40).u8(3).uleb(3).uleb(0x10).u8(0);
            byte[] rngBytes = patchLength(rng.toArray());
            // .debug_loclists: one list, [addr 0, +8) in a0, then [addr 1 .. addr 2) at fbreg -4
            Bytes loc = new Bytes().u32(0).u16(5).u8(4).u8(0).u32(1);
            int locBase = loc.size();
            loc.u32(4);
            loc.u8(3).uleb(0).uleb(8).uleb(1).u8(Dw.OP_REG0 + 10);
            loc.u8(2).uleb(1).uleb(2).uleb(2).u8(0x91).u8(0x7c);
            loc.u8(0);
            byte[] locBytes = patchLength(loc.toArray());
            // abbreviations
            Bytes ab = new Bytes();
            ab.uleb(1).uleb(Dw.TAG_COMPILE_UNIT).u8(1);
            if (bases) {
                ab.uleb(Dw.AT_STR_OFFSETS_BASE).uleb(Dw.FORM_SEC_OFFSET).uleb(Dw.AT_ADDR_BASE).uleb(Dw.FORM_SEC_OFFSET)
                        .uleb(Dw.AT_RNGLISTS_BASE).uleb(Dw.FORM_SEC_OFFSET)
                        .uleb(Dw.AT_LOCLISTS_BASE).uleb(Dw.FORM_SEC_OFFSET);
            }
            ab.uleb(Dw.AT_NAME).uleb(Dw.FORM_STRX1).uleb(Dw.AT_PRODUCER).uleb(Dw.FORM_STRX2)
                    .uleb(Dw.AT_COMP_DIR).uleb(Dw.FORM_STRX3).uleb(Dw.AT_LOW_PC).uleb(Dw.FORM_ADDRX1).u8(0).u8(0);
            ab.uleb(2).uleb(Dw.TAG_SUBPROGRAM).u8(1)
                    .uleb(Dw.AT_NAME).uleb(Dw.FORM_STRX4).uleb(Dw.AT_LOW_PC).uleb(Dw.FORM_ADDRX)
                    .uleb(Dw.AT_HIGH_PC).uleb(Dw.FORM_ADDRX4).uleb(Dw.AT_ENTRY_PC).uleb(Dw.FORM_ADDRX3).u8(0).u8(0);
            ab.uleb(3).uleb(Dw.TAG_VARIABLE).u8(0)
                    .uleb(Dw.AT_NAME).uleb(Dw.FORM_STRX).uleb(Dw.AT_LOCATION).uleb(Dw.FORM_LOCLISTX).u8(0).u8(0);
            ab.uleb(4).uleb(Dw.TAG_LEXICAL_BLOCK).u8(0)
                    .uleb(Dw.AT_NAME).uleb(Dw.FORM_STRX1).uleb(Dw.AT_RANGES).uleb(Dw.FORM_RNGLISTX)
                    .uleb(Dw.AT_LOW_PC).uleb(Dw.FORM_ADDRX2).u8(0).u8(0);
            ab.u8(0);
            // the unit
            Bytes dies = new Bytes();
            dies.uleb(1);
            if (bases) {
                dies.u32(strBase).u32(addrBase).u32(rngBase).u32(locBase);
            }
            dies.u8(0).u16(2).u24(3).u8(0);
            dies.uleb(2).u32(4).uleb(1).u32(highPcIndex).u24(1);
            dies.uleb(3).uleb(nameIndex).uleb(locationIndex);
            dies.uleb(4).u8(5).uleb(rangesIndex).u16(2);
            dies.u8(0).u8(0);
            Bytes info = new Bytes().u32(2 + 1 + 1 + 4 + dies.size()).u16(5).u8(CompilationUnit.DW_UT_COMPILE).u8(4)
                    .u32(0).bytes(dies.toArray());
            s.put(".debug_info", info.toArray(), 0);
            s.put(".debug_abbrev", ab.toArray(), 0);
            s.put(".debug_str", str.toArray(), 0);
            s.put(".debug_str_offsets", offsets.toArray(), 0);
            s.put(".debug_addr", addr.toArray(), 0);
            s.put(".debug_rnglists", rngBytes, 0);
            s.put(".debug_loclists", locBytes, 0);
            return s;
        }

        CompilationUnit parse() throws DwarfFormatException {
            List<CompilationUnit> units = new UnitParser(sections()).parseAll();
            assertEquals(1, units.size());
            return units.get(0);
        }

        private static byte[] patchLength(byte[] b) {
            long len = b.length - 4;
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) (len >> (8 * i));
            }
            return b;
        }
    }

    private static Die child(CompilationUnit cu, int tag) {
        Die d = cu.root();
        while (true) {
            for (Die c : d.children()) {
                if (c.tag() == tag) {
                    return c;
                }
            }
            d = d.children().get(0);
        }
    }

    @Test
    void everyIndexedFormResolvesThroughTheUnitsBases() throws Exception {
        CompilationUnit cu = new Unit().parse();
        Die root = cu.root();
        assertEquals(Dw.FORM_STRX1, root.attribute(Dw.AT_NAME).form());
        assertEquals("unit.c", cu.name());
        assertEquals("GNU C17", cu.string(root.attribute(Dw.AT_PRODUCER)));
        assertEquals("/src", cu.compDir());
        assertEquals(Unit.ADDRESSES[0], cu.address(root.attribute(Dw.AT_LOW_PC)));
        Die fn = child(cu, Dw.TAG_SUBPROGRAM);
        assertEquals("fn", cu.string(fn.attribute(Dw.AT_NAME)));
        assertEquals(Unit.ADDRESSES[1], cu.address(fn.attribute(Dw.AT_LOW_PC)));
        assertEquals(Unit.ADDRESSES[4], cu.address(fn.attribute(Dw.AT_HIGH_PC)));
        assertEquals(Unit.ADDRESSES[1], cu.address(fn.attribute(Dw.AT_ENTRY_PC)));
        assertEquals(List.of(new AddressRange(Unit.ADDRESSES[1], Unit.ADDRESSES[4])), cu.ranges(fn));
        Die var = child(cu, Dw.TAG_VARIABLE);
        assertEquals(Dw.FORM_STRX, var.attribute(Dw.AT_NAME).form());
        assertEquals("counter", cu.string(var.attribute(Dw.AT_NAME)));
        assertTrue(cu.isLocationList(var.attribute(Dw.AT_LOCATION)));
        List<LocationListEntry> loc = cu.locationList(var.attribute(Dw.AT_LOCATION));
        assertEquals(2, loc.size());
        assertEquals(Unit.ADDRESSES[0], loc.get(0).start());
        assertEquals(Unit.ADDRESSES[0] + 8, loc.get(0).end());
        assertArrayEquals(new byte[] {(byte) (Dw.OP_REG0 + 10)}, loc.get(0).expression());
        assertEquals(Unit.ADDRESSES[1], loc.get(1).start());
        assertEquals(Unit.ADDRESSES[2], loc.get(1).end());
        Die block = child(cu, Dw.TAG_LEXICAL_BLOCK);
        assertEquals("blk", cu.string(block.attribute(Dw.AT_NAME)));
        assertEquals(Dw.FORM_ADDRX2, block.attribute(Dw.AT_LOW_PC).form());
        assertEquals(List.of(new AddressRange(Unit.ADDRESSES[2], Unit.ADDRESSES[2] + 0x40),
                new AddressRange(Unit.ADDRESSES[3], Unit.ADDRESSES[3] + 0x10)), cu.ranges(block));
        assertEquals(Unit.ADDRESSES[3], cu.indexedAddress(3));
    }

    @Test
    void aStringIndexPastTheTableNamesTheAttributeAndTheTable() throws Exception {
        Unit u = new Unit();
        u.nameIndex = Unit.STRINGS.length;
        CompilationUnit cu = u.parse();
        Die var = child(cu, Dw.TAG_VARIABLE);
        DwarfFormatException e = assertThrows(DwarfFormatException.class, () -> cu.string(var.attribute(Dw.AT_NAME)));
        assertEquals(".debug_info", e.section());
        assertEquals(var.attribute(Dw.AT_NAME).offset(), e.offset());
        assertTrue(e.getMessage().contains("DW_AT_name") && e.getMessage().contains(".debug_str_offsets+0x18")
                && e.getMessage().contains("index 6 is past the end") && e.getMessage().contains("(6 entries)"),
                e.getMessage());
    }

    @Test
    void addressAndListIndexesPastTheirTablesFailClearly() throws Exception {
        Unit u = new Unit();
        u.highPcIndex = 5;
        u.rangesIndex = 1;
        u.locationIndex = 7;
        CompilationUnit cu = u.parse();
        Die fn = child(cu, Dw.TAG_SUBPROGRAM);
        DwarfFormatException e = assertThrows(DwarfFormatException.class, () -> cu.ranges(fn));
        assertTrue(e.getMessage().startsWith(".debug_info+0x") && e.getMessage().contains("DW_AT_high_pc")
                && e.getMessage().contains(".debug_addr+0x14: address index 5 is past the end"), e.getMessage());
        e = assertThrows(DwarfFormatException.class, () -> cu.indexedAddress(99));
        assertEquals(".debug_addr", e.section());
        Die block = child(cu, Dw.TAG_LEXICAL_BLOCK);
        e = assertThrows(DwarfFormatException.class, () -> cu.ranges(block));
        assertTrue(e.getMessage().contains("DW_AT_ranges") && e.getMessage().contains(".debug_rnglists+0xc")
                && e.getMessage().contains("(1 entry)"), e.getMessage());
        Die var = child(cu, Dw.TAG_VARIABLE);
        e = assertThrows(DwarfFormatException.class, () -> cu.locationList(var.attribute(Dw.AT_LOCATION)));
        assertTrue(e.getMessage().contains("DW_AT_location") && e.getMessage().contains(".debug_loclists"),
                e.getMessage());
    }

    @Test
    void indexedFormsWithoutTheirBaseAttributeAreAnError() throws Exception {
        Unit u = new Unit();
        u.bases = false;
        CompilationUnit cu = u.parse();
        DwarfFormatException e = assertThrows(DwarfFormatException.class,
                () -> cu.string(cu.root().attribute(Dw.AT_NAME)));
        assertEquals(".debug_info", e.section());
        assertTrue(e.getMessage().contains("no DW_AT_str_offsets_base"), e.getMessage());
        assertEquals(null, cu.name(), "name() hides the error");
        Die fn = child(cu, Dw.TAG_SUBPROGRAM);
        e = assertThrows(DwarfFormatException.class, () -> cu.address(fn.attribute(Dw.AT_LOW_PC)));
        assertTrue(e.getMessage().contains("no DW_AT_addr_base"), e.getMessage());
        Die block = child(cu, Dw.TAG_LEXICAL_BLOCK);
        e = assertThrows(DwarfFormatException.class, () -> cu.ranges(block));
        assertTrue(e.getMessage().contains("no DW_AT_rnglists_base"), e.getMessage());
        Die var = child(cu, Dw.TAG_VARIABLE);
        e = assertThrows(DwarfFormatException.class, () -> cu.locationList(var.attribute(Dw.AT_LOCATION)));
        assertTrue(e.getMessage().contains("no DW_AT_loclists_base"), e.getMessage());
        e = assertThrows(DwarfFormatException.class, () -> cu.indexedAddress(0));
        assertTrue(e.getMessage().contains("no DW_AT_addr_base"), e.getMessage());
    }
}
