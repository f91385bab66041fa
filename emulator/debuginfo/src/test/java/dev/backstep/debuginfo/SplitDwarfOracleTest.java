package dev.backstep.debuginfo;

import dev.backstep.debuginfo.dwarf.Attribute;
import dev.backstep.debuginfo.dwarf.CompilationUnit;
import dev.backstep.debuginfo.dwarf.Die;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.elf.ElfFile;
import dev.backstep.debuginfo.model.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The -gsplit-dwarf fixtures: skeleton units in the ELF, split units in .dwo files, which gcc writes with the indexed
 * forms (strx, addrx, loclistx, rnglistx) and their tables. Every DIE against {@code readelf --debug-dump=info},
 * which follows the skeletons into the .dwo files.
 *
 * <p>readelf 2.40 reads indexed strings of a .dwo from the start of .debug_str_offsets.dwo instead of after its
 * 8-byte header (the names it prints are two entries off, e.g. a unit "named" after one of its functions), so those
 * strings are checked by decoding the two .dwo sections here instead. It also resolves a .dwo's address indexes
 * without the skeleton's DW_AT_addr_base, so addresses are checked against its {@code --debug-dump=addr} table of
 * the skeleton unit. List offsets (loclistx, rnglistx) are compared with the values readelf resolves.
 */
class SplitDwarfOracleTest {
    private static final Pattern SECTION = Pattern.compile("^Contents of the (\\.debug_info(?:\\.dwo)?) section"
            + "(?: \\(loaded from (.*)\\))?:");
    private static final Pattern DIE = Pattern.compile("^ <(\\d+)><([0-9a-f]+)>: Abbrev Number: (\\d+)(?: \\((\\S+)\\))?");
    private static final Pattern ATTR = Pattern.compile("^    <([0-9a-f]+)>\\s+(DW_AT_\\w+|DW_AT_<[^>]*>)\\s*: ?(.*)$");
    private static final Pattern INDEXED_STRING = Pattern.compile("^\\(indexed string: (0x[0-9a-f]+|0)\\)");
    private static final Pattern INDEXED = Pattern.compile("^\\(index: (0x[0-9a-f]+|0)\\): (0x[0-9a-f]+|0)");

    record Entry(int depth, int offset, String tag, List<String[]> attrs) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"prog-O0-split.elf", "prog-O2-split.elf"})
    void skeletonAndSplitUnitsMatchReadelf(String fixture) throws Exception {
        List<String> out = Fixtures.runIn(Fixtures.dir(), "riscv64-unknown-elf-readelf", "--debug-dump=info",
                Fixtures.path(fixture).toAbsolutePath().toString());
        Map<String, List<Entry>> expected = new LinkedHashMap<>();
        List<Entry> current = null;
        for (String line : out) {
            Matcher s = SECTION.matcher(line);
            if (s.find()) {
                String file = s.group(1).endsWith(".dwo") ? java.nio.file.Path.of(s.group(2)).getFileName().toString() : "";
                current = expected.computeIfAbsent(file, k -> new ArrayList<>());
                continue;
            }
            Matcher m = DIE.matcher(line);
            if (m.find() && current != null) {
                if (!m.group(3).equals("0")) {
                    current.add(new Entry(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2), 16), m.group(4),
                            new ArrayList<>()));
                }
                continue;
            }
            Matcher a = ATTR.matcher(line);
            if (a.find() && current != null && !current.isEmpty()) {
                current.get(current.size() - 1).attrs().add(new String[] {a.group(1), a.group(2), a.group(3)});
            }
        }
        Map<Integer, List<Long>> addrTables = addressTables(fixture);
        DebugInfo info = Fixtures.load(fixture);
        assertEquals(List.of(), info.missingSplitUnits());
        Map<String, List<Die>> ours = new LinkedHashMap<>();
        for (CompilationUnit cu : info.units()) {
            String file = cu.isSplit() ? cu.infoSection().split(" ")[0] : "";
            walk(cu.root(), ours.computeIfAbsent(file, k -> new ArrayList<>()));
        }
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(ours.keySet()), "files with DIEs");
        Set<String> formsSeen = new TreeSet<>();
        int compared = 0;
        for (String file : expected.keySet()) {
            List<Entry> exp = expected.get(file);
            List<Die> got = ours.get(file);
            assertEquals(exp.size(), got.size(), file + ": number of DIEs");
            for (int i = 0; i < got.size(); i++) {
                Die d = got.get(i);
                Entry e = exp.get(i);
                String where = fixture + " " + file + " DIE <0x" + Integer.toHexString(e.offset()) + ">";
                assertEquals(e.offset(), d.offset() - d.unit().offsetBase(), where + " offset");
                assertEquals(e.depth(), d.depth(), where + " depth");
                assertEquals(e.tag(), Dw.tagName(d.tag()), where + " tag");
                assertEquals(e.attrs().size(), d.attributes().size(), where + " attribute count");
                for (int j = 0; j < e.attrs().size(); j++) {
                    String[] ea = e.attrs().get(j);
                    Attribute a = d.attributes().get(j);
                    String aw = where + " " + ea[1];
                    assertEquals(Integer.parseInt(ea[0], 16), a.offset(), aw + " offset");
                    assertEquals(ea[1], Dw.attributeName(a.name()), aw + " name");
                    formsSeen.add(Dw.formName(a.form()));
                    checkIndexedOrPlain(d.unit(), a, ea[2].trim(), aw, file, addrTables);
                    compared++;
                }
            }
        }
        assertTrue(compared > 300, "compared " + compared + " attributes");
        assertTrue(formsSeen.containsAll(List.of("DW_FORM_strx", "DW_FORM_addrx")), formsSeen.toString());
        if (fixture.contains("O2")) {
            assertTrue(formsSeen.containsAll(List.of("DW_FORM_loclistx", "DW_FORM_rnglistx")), formsSeen.toString());
        }
    }

    private static final Pattern ADDR_UNIT = Pattern.compile("For compilation unit at offset (0x[0-9a-f]+|0):");
    private static final Pattern ADDR_ROW = Pattern.compile("^\\s+(\\d+):\\s+([0-9a-f]+)\\s*$");

    /** readelf's .debug_addr tables by the offset of the (skeleton) unit that owns them. */
    private static Map<Integer, List<Long>> addressTables(String fixture) throws Exception {
        Map<Integer, List<Long>> tables = new LinkedHashMap<>();
        List<Long> current = null;
        for (String line : Fixtures.runIn(Fixtures.dir(), "riscv64-unknown-elf-readelf", "--debug-dump=addr",
                Fixtures.path(fixture).toAbsolutePath().toString())) {
            Matcher u = ADDR_UNIT.matcher(line);
            if (u.find()) {
                current = tables.computeIfAbsent(Long.decode(u.group(1)).intValue(), k -> new ArrayList<>());
                continue;
            }
            Matcher r = ADDR_ROW.matcher(line);
            if (r.find() && current != null) {
                current.add(Long.parseLong(r.group(2), 16));
            }
        }
        return tables;
    }

    private static void checkIndexedOrPlain(CompilationUnit cu, Attribute a, String text, String where, String dwo,
                                            Map<Integer, List<Long>> addrTables) throws Exception {
        switch (a.form()) {
            case Dw.FORM_STRX: case Dw.FORM_STRX1: case Dw.FORM_STRX2: case Dw.FORM_STRX3: case Dw.FORM_STRX4: {
                Matcher m = INDEXED_STRING.matcher(text);
                assertTrue(m.find(), where + ": readelf says " + text);
                assertEquals(Long.decode(m.group(1)).longValue(), a.value(), where + " index");
                assertEquals(dwoString(dwo, a.value()), cu.string(a), where);
                return;
            }
            case Dw.FORM_ADDRX: case Dw.FORM_ADDRX1: case Dw.FORM_ADDRX2: case Dw.FORM_ADDRX3: case Dw.FORM_ADDRX4: {
                Matcher m = INDEXED.matcher(text);
                assertTrue(m.find(), where + ": readelf says " + text);
                assertEquals(Long.decode(m.group(1)).longValue(), a.value(), where + " index");
                CompilationUnit owner = cu.skeleton() != null ? cu.skeleton() : cu;
                List<Long> table = addrTables.get(owner.offset());
                assertTrue(table != null && a.value() < table.size(), where + ": no readelf .debug_addr entry");
                assertEquals(table.get((int) a.value()), cu.address(a), where + " address");
                return;
            }
            case Dw.FORM_LOCLISTX: case Dw.FORM_RNGLISTX: {
                Matcher m = INDEXED.matcher(text);
                assertTrue(m.find(), where + ": readelf says " + text);
                assertEquals(Long.decode(m.group(1)).longValue(), a.value(), where + " index");
                assertEquals(Long.decode(m.group(2)).longValue(), cu.listOffset(a), where + " list offset");
                return;
            }
            default:
                if (a.isBlock() && text.startsWith("(DW_OP_")) {
                    // readelf prints .dwo expressions decoded only: compare the first operation
                    String op = text.substring(1).split("[\\s:)]")[0];
                    assertEquals(op, Dw.opName(a.block()[0] & 0xff), where);
                    return;
                }
                if (a.isReference()) {
                    // references are in the program-wide offset space; readelf prints them per file
                    assertEquals("<0x" + Long.toHexString(a.value() - cu.offsetBase()) + ">", text, where);
                    return;
                }
                DieTreeOracleTest.checkValue(cu, a, text, where);
        }
    }

    /** Entry {@code index} of a .dwo's string offsets table, read past its 8-byte DWARF 5 header. */
    private static String dwoString(String dwo, long index) throws Exception {
        ElfFile elf = ElfFile.parse(Files.readAllBytes(Fixtures.path(dwo)));
        byte[] offsets = elf.sectionBytes(".debug_str_offsets.dwo").orElseThrow();
        byte[] strings = elf.sectionBytes(".debug_str.dwo").orElseThrow();
        int at = 8 + (int) index * 4;
        int off = (offsets[at] & 0xff) | (offsets[at + 1] & 0xff) << 8 | (offsets[at + 2] & 0xff) << 16
                | (offsets[at + 3] & 0xff) << 24;
        int end = off;
        while (strings[end] != 0) {
            end++;
        }
        return new String(strings, off, end - off, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void walk(Die d, List<Die> out) {
        out.add(d);
        for (Die c : d.children()) {
            walk(c, out);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prog-O0-split.elf", "prog-O2-split.elf"})
    void functionsFromTheDwoFilesSitAtTheirSymbols(String fixture) throws Exception {
        DebugInfo info = Fixtures.load(fixture);
        List<String> names = info.functions().stream().map(Function::name).toList();
        assertTrue(names.containsAll(List.of("main", "factorial", "fib", "nested", "types_main", "shape_area")),
                names.toString());
        for (Function f : info.functions()) {
            info.symbols().byName(f.name()).ifPresent(sym ->
                    assertEquals(sym.value(), f.lowPc(), f.name() + " starts at its symbol"));
        }
        Function nested = info.program().functionByName("nested").orElseThrow();
        assertEquals("calls.c", nested.declFile().substring(nested.declFile().lastIndexOf('/') + 1));
        assertTrue(info.breakpointAddresses("calls.c", 33).isPresent());
        assertTrue(info.global("g_shape").isPresent());
        assertEquals("struct shape", info.global("g_shape").orElseThrow().type().displayName());
    }

    @Test
    void withoutTheDwoFilesOnlyTheSkeletonsAreRead() throws Exception {
        DebugInfo info = DebugInfo.parse(Fixtures.bytes("prog-O2-split.elf"));
        assertTrue(info.units().stream().anyMatch(CompilationUnit::isSkeleton));
        assertFalse(info.units().stream().anyMatch(CompilationUnit::isSplit));
        assertTrue(info.functions().isEmpty());
        assertEquals(2, info.missingSplitUnits().size(), info.missingSplitUnits().toString());
        assertTrue(info.missingSplitUnits().get(0).contains("not found"), info.missingSplitUnits().toString());
        // line tables live in the executable
        assertTrue(info.breakpointAddresses("calls.c", 33).isPresent());
    }

    @Test
    void aDwoWithAnotherIdIsReportedNotMixedIn() throws Exception {
        byte[] wrong = Fixtures.bytes("prog-O0-split.elf-calls.dwo");
        DebugInfo info = DebugInfo.parse(Fixtures.bytes("prog-O2-split.elf"), (dir, name) ->
                java.util.Optional.of(wrong));
        assertFalse(info.units().stream().anyMatch(CompilationUnit::isSplit));
        assertTrue(info.missingSplitUnits().get(0).contains("DWO id"), info.missingSplitUnits().toString());
    }
}
