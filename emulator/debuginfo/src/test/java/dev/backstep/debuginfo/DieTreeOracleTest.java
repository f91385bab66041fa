package dev.backstep.debuginfo;

import dev.backstep.debuginfo.dwarf.Attribute;
import dev.backstep.debuginfo.dwarf.CompilationUnit;
import dev.backstep.debuginfo.dwarf.Die;
import dev.backstep.debuginfo.dwarf.Dw;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every DIE of every fixture, tag and attributes with values, against {@code readelf --debug-dump=info}. */
class DieTreeOracleTest {
    private static final Pattern DIE = Pattern.compile("^ <(\\d+)><([0-9a-f]+)>: Abbrev Number: (\\d+)(?: \\((\\S+)\\))?");
    private static final Pattern ATTR = Pattern.compile("^    <([0-9a-f]+)>\\s+(DW_AT_\\w+|DW_AT_<[^>]*>)\\s*: ?(.*)$");

    record Entry(int depth, int offset, String tag, List<String[]> attrs) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"prog-O0.elf", "prog-Og.elf", "prog-O2.elf", "prog-O0-dwarf4.elf", "prog-O2-dwarf4.elf"})
    void dieTreeMatchesReadelf(String fixture) throws Exception {
        List<String> out = Fixtures.run("riscv64-unknown-elf-readelf", "--debug-dump=info",
                Fixtures.path(fixture).toString());
        List<Entry> expected = new ArrayList<>();
        for (String line : out) {
            Matcher m = DIE.matcher(line);
            if (m.find()) {
                if (!m.group(3).equals("0")) {
                    expected.add(new Entry(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2), 16), m.group(4),
                            new ArrayList<>()));
                }
                continue;
            }
            Matcher a = ATTR.matcher(line);
            if (a.find() && !expected.isEmpty()) {
                expected.get(expected.size() - 1).attrs().add(new String[] {a.group(1), a.group(2), a.group(3)});
            }
        }
        DebugInfo info = Fixtures.load(fixture);
        List<Die> ours = new ArrayList<>();
        for (CompilationUnit cu : info.units()) {
            walk(cu.root(), ours);
        }
        assertTrue(expected.size() > 100, "readelf output looks empty");
        assertEquals(expected.size(), ours.size(), "number of DIEs");
        int attrs = 0;
        for (int i = 0; i < ours.size(); i++) {
            Die d = ours.get(i);
            Entry e = expected.get(i);
            String where = fixture + " DIE <0x" + Integer.toHexString(e.offset()) + ">";
            assertEquals(e.offset(), d.offset(), where + " offset");
            assertEquals(e.depth(), d.depth(), where + " depth");
            assertEquals(e.tag(), Dw.tagName(d.tag()), where + " tag");
            assertEquals(e.attrs().size(), d.attributes().size(), where + " attribute count");
            for (int j = 0; j < e.attrs().size(); j++) {
                String[] ea = e.attrs().get(j);
                Attribute a = d.attributes().get(j);
                String aw = where + " " + ea[1];
                assertEquals(Integer.parseInt(ea[0], 16), a.offset(), aw + " offset");
                assertEquals(ea[1], Dw.attributeName(a.name()), aw + " name");
                checkValue(d.unit(), a, ea[2].trim(), aw);
                attrs++;
            }
        }
        assertTrue(attrs > 500, "compared " + attrs + " attributes");
    }

    private static void walk(Die d, List<Die> out) {
        out.add(d);
        for (Die c : d.children()) {
            walk(c, out);
        }
    }

    static void checkValue(CompilationUnit cu, Attribute a, String text, String where) throws Exception {
        if (a.string() != null || a.form() == Dw.FORM_STRP || a.form() == Dw.FORM_LINE_STRP) {
            String s = text.startsWith("(indirect") ? text.substring(text.indexOf("): ") + 3) : text;
            assertEquals(s.trim(), cu.string(a).trim(), where);
        } else if (a.isReference()) {
            assertEquals("<0x" + Long.toHexString(a.value()) + ">", text, where);
        } else if (a.isBlock()) {
            StringBuilder sb = new StringBuilder(a.block().length + " byte block:");
            for (byte b : a.block()) {
                sb.append(' ').append(Integer.toHexString(b & 0xff));
            }
            assertTrue(text.startsWith(sb.toString()), where + ": expected '" + text + "' to start with '" + sb + "'");
        } else if (a.form() == Dw.FORM_DATA16) {
            return;
        } else {
            String tok = text.split("[\\s(]")[0];
            long v = tok.startsWith("0x") ? Long.parseUnsignedLong(tok.substring(2), 16)
                    : tok.startsWith("-") ? Long.parseLong(tok) : Long.parseUnsignedLong(tok);
            if (v != a.value() && v != a.signedValue()) {
                fail(where + ": readelf says " + text + ", we read 0x" + Long.toHexString(a.value()));
            }
        }
    }
}
