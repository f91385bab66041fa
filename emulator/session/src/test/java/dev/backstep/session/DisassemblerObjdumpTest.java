package dev.backstep.session;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every instruction of the code sections, disassembled by the session, against
 * {@code riscv64-unknown-elf-objdump -d -M no-aliases} (mnemonic and operands; symbol suffixes of branch targets
 * included). Skipped when objdump is not installed.
 */
class DisassemblerObjdumpTest {
    private static final String OBJDUMP = "riscv64-unknown-elf-objdump";
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\s+([0-9a-f]+)\\s+(\\S+)(?:\\s+(.*))?$");

    record Expected(long address, String bytes, String text) {
    }

    static List<Expected> objdump(Path elf) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(OBJDUMP, "-d", "-M", "no-aliases", elf.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, OBJDUMP + " is not installed (" + e.getMessage() + "): disassembler comparison skipped");
            return List.of();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<Expected> list = new ArrayList<>();
        for (String l : out.split("\n")) {
            Matcher m = LINE.matcher(l);
            if (m.matches()) {
                String ops = m.group(4) == null ? "" : m.group(4).replaceAll("\\s*#.*$", "").trim();
                list.add(new Expected(Long.parseLong(m.group(1), 16), m.group(2), (m.group(3) + " " + ops).trim()));
            }
        }
        return list;
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples/hello.elf", "examples/timer.elf", "examples/echo.elf", "examples/corrupt.elf",
        "examples/bench.elf", "debuginfo/src/test/fixtures/prog-O0.elf", "debuginfo/src/test/fixtures/prog-O2.elf",
        "isa-tests/elf/float.elf", "isa-tests/elf/bitmanip.elf", "isa-tests/elf/fpu_oracle.elf"})
    void matchesObjdumpOverTheWholeText(String elf) throws Exception {
        Path path = Examples.root().resolve("emulator/" + elf);
        assumeTrue(java.nio.file.Files.isRegularFile(path), path + " is missing");
        List<Expected> expected = objdump(path);
        assertTrue(expected.size() > 100, "objdump gave " + expected.size() + " instructions");
        List<String> wrong = new ArrayList<>();
        try (DebugSession s = DebugSession.open(LaunchSpec.record(path), new Examples.Recorder())) {
            for (Expected e : expected) {
                Instruction got = s.disassemble(e.address(), 0, 1).get(0);
                if (!got.text().equals(e.text()) || !got.bytes().equals(e.bytes())) {
                    wrong.add(String.format("%08x %s: objdump '%s', backstep '%s' (%s)", e.address(), e.bytes(), e.text(),
                            got.text(), got.bytes()));
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + expected.size() + " differ:\n"
                + String.join("\n", wrong.subList(0, Math.min(40, wrong.size()))));
    }
}
