package dev.backstep.debuginfo;

import dev.backstep.debuginfo.frame.Fde;
import dev.backstep.debuginfo.frame.RegisterRule;
import dev.backstep.debuginfo.frame.UnwindRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every FDE and every unwind row, against {@code objdump --dwarf=frames-interp}. */
class CallFrameOracleTest {
    static final String[] REG_NAMES = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2",
        "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5",
        "t6"};
    private static final Pattern FDE = Pattern.compile("^([0-9a-f]{8}) [0-9a-f]+ [0-9a-f]+ FDE cie=[0-9a-f]+ pc=([0-9a-f]+)\\.\\.([0-9a-f]+)");
    private static final Pattern CIE = Pattern.compile("^[0-9a-f]{8} [0-9a-f]+ [0-9a-f]+ CIE");

    @ParameterizedTest
    @ValueSource(strings = {"prog-O0.elf", "prog-Og.elf", "prog-O2.elf", "prog-O0-dwarf4.elf", "prog-O2-dwarf4.elf",
        "prog-O0-split.elf", "prog-O2-split.elf"})
    void framesMatchObjdump(String fixture) throws Exception {
        List<String> out = Fixtures.run("riscv64-unknown-elf-objdump", "--dwarf=frames-interp",
                Fixtures.path(fixture).toString());
        DebugInfo info = Fixtures.load(fixture);
        Map<String, Fde> ours = new LinkedHashMap<>();
        for (Fde f : info.callFrames().fdes()) {
            ours.put(f.section() + "@" + f.offset(), f);
        }
        String section = null;
        int fdes = 0;
        int rows = 0;
        for (int i = 0; i < out.size(); i++) {
            String line = out.get(i);
            if (line.startsWith("Contents of the ")) {
                section = line.substring("Contents of the ".length(), line.indexOf(" section"));
                continue;
            }
            if (CIE.matcher(line).find()) {
                continue;
            }
            Matcher m = FDE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String key = section + "@" + Integer.parseInt(m.group(1), 16);
            Fde f = ours.get(key);
            assertNotNull(f, fixture + ": no FDE " + key);
            assertEquals(Long.parseLong(m.group(2), 16), f.start(), key + " start");
            assertEquals(Long.parseLong(m.group(3), 16), f.end(), key + " end");
            fdes++;
            if (i + 1 >= out.size() || !out.get(i + 1).trim().startsWith("LOC")) {
                continue; // objdump prints no table for an FDE without instructions
            }
            String[] cols = out.get(i + 1).trim().split("\\s+");
            List<String> expected = new ArrayList<>();
            int j = i + 2;
            for (; j < out.size() && !out.get(j).isBlank(); j++) {
                expected.add(String.join(" ", out.get(j).trim().split("\\s+")));
            }
            List<String> actual = new ArrayList<>();
            for (UnwindRow r : f.rows()) {
                StringBuilder sb = new StringBuilder(String.format("%08x", r.address()));
                sb.append(' ').append(r.cfa().isExpression() ? "exp"
                        : REG_NAMES[r.cfa().register()] + (r.cfa().offset() >= 0 ? "+" : "") + r.cfa().offset());
                for (int c = 2; c < cols.length; c++) {
                    int reg = List.of(REG_NAMES).indexOf(cols[c]);
                    RegisterRule rule = r.rule(reg);
                    sb.append(' ').append(rule == null ? "u" : rule.kind() == RegisterRule.Kind.REGISTER
                            ? REG_NAMES[(int) rule.operand()] : rule.toString());
                }
                actual.add(sb.toString());
            }
            assertEquals(String.join("\n", expected), String.join("\n", actual), fixture + " " + key);
            rows += actual.size();
            i = j;
        }
        assertEquals(ours.size(), fdes, "every FDE we read is in objdump's output");
        assertTrue(rows > 5, "compared " + rows + " rows");
    }
}
