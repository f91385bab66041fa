package dev.backstep.debuginfo;

import dev.backstep.debuginfo.line.LineProgram;
import dev.backstep.debuginfo.line.LineRow;
import dev.backstep.debuginfo.line.LineSequence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every row of every line table, against {@code readelf --debug-dump=decodedline}. */
class LineTableOracleTest {
    private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+(\\d+|-)\\s+(0x[0-9a-f]+)(?:\\s+\\d+)?(\\s+x)?\\s*$");

    @ParameterizedTest
    @ValueSource(strings = {"prog-O0.elf", "prog-Og.elf", "prog-O2.elf", "prog-O0-dwarf4.elf", "prog-O2-dwarf4.elf",
        "prog-O0-split.elf", "prog-O2-split.elf"})
    void rowsMatchReadelf(String fixture) throws Exception {
        List<String> out = Fixtures.run("riscv64-unknown-elf-readelf", "--debug-dump=decodedline",
                Fixtures.path(fixture).toString());
        List<String> expected = new ArrayList<>();
        for (String line : out) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                expected.add(m.group(2).equals("-") ? "- " + m.group(3)
                        : m.group(1) + " " + m.group(2) + " " + m.group(3) + (m.group(4) != null ? " x" : ""));
            }
        }
        DebugInfo info = Fixtures.load(fixture);
        List<String> ours = new ArrayList<>();
        for (LineProgram p : info.lines().programs()) {
            for (LineSequence s : p.sequences()) {
                for (LineRow r : s.rows()) {
                    String addr = "0x" + Long.toHexString(r.address());
                    ours.add(r.endSequence() ? "- " + addr
                            : base(r.file()) + " " + r.line() + " " + addr + (r.isStmt() ? " x" : ""));
                }
            }
        }
        assertTrue(expected.size() > 50, "readelf output looks empty");
        assertEquals(String.join("\n", expected), String.join("\n", ours));
    }

    private static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
