package dev.backstep.dap.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.dap.DapException;
import dev.backstep.session.LaunchSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchArgumentsTest {
    @TempDir
    Path dir;
    Path elf;
    Path rec;

    @BeforeEach
    void files() throws Exception {
        elf = Files.write(dir.resolve("p.elf"), new byte[] {1});
        rec = Files.write(dir.resolve("p.bsr"), new byte[] {1});
    }

    private Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private String error(Map<String, Object> a) {
        return assertThrows(DapException.class, () -> LaunchArguments.toSpec(a)).getMessage();
    }

    @Test
    void recordWithEverything() {
        LaunchSpec s = LaunchArguments.toSpec(args("program", elf.toString(), "recording", dir.resolve("out.bsr").toString(),
                "stopOnEntry", true, "inputText", "hi\n", "ram", "64MiB", "snapshotBudget", "1G",
                "type", "backstep", "name", "x", "debugServer", 4711, "javaHome", "/opt/jdk", "__sessionId", "abc"));
        assertEquals(LaunchSpec.Mode.RECORD, s.mode());
        assertEquals(elf, s.program());
        assertTrue(s.stopOnEntry());
        assertArrayEquals("hi\n".getBytes(StandardCharsets.UTF_8), s.input());
        assertEquals(64L << 20, s.ramSize());
        assertEquals(1L << 30, s.snapshotBudget());
        assertTrue(s.translate(), "translated unless asked otherwise");
        assertFalse(LaunchArguments.toSpec(args("program", elf.toString(), "translate", false)).translate());
    }

    @Test
    void replayAndRelativePaths() {
        LaunchSpec s = LaunchArguments.toSpec(args("mode", "replay", "recording", "p.bsr", "cwd", dir.toString()));
        assertEquals(LaunchSpec.Mode.REPLAY, s.mode());
        assertEquals(rec, s.recording());
        assertEquals(null, s.program());
    }

    @Test
    void everyErrorNamesItsAttribute() {
        assertTrue(error(null).contains("'program'"));
        assertTrue(error(args()).contains("'program'"));
        assertTrue(error(args("program", 7)).contains("'program'"));
        assertTrue(error(args("program", "")).contains("'program'"));
        assertTrue(error(args("program", dir.resolve("nope.elf").toString())).contains("'program'"));
        assertTrue(error(args("program", dir.toString())).contains("'program'"));
        assertTrue(error(args("program", elf.toString(), "mode", "live")).contains("'mode'"));
        assertTrue(error(args("program", elf.toString(), "stopOnEntry", "true")).contains("'stopOnEntry'"));
        assertTrue(error(args("program", elf.toString(), "translate", "no")).contains("'translate'"));
        assertTrue(error(args("program", elf.toString(), "ram", "12 apples")).contains("'ram'"));
        assertTrue(error(args("program", elf.toString(), "ram", "1K")).contains("'ram'"));
        assertTrue(error(args("program", elf.toString(), "ram", 1.5)).contains("'ram'"));
        assertTrue(error(args("program", elf.toString(), "snapshotBudget", "99999999999999999999G")).contains("'snapshotBudget'"));
        assertTrue(error(args("program", elf.toString(), "input", "missing.txt")).contains("'input'"));
        assertTrue(error(args("program", elf.toString(), "inputText", 5)).contains("'inputText'"));
        assertTrue(error(args("program", elf.toString(), "recording", "/no/such/dir/x.bsr")).contains("'recording'"));
        assertTrue(error(args("mode", "replay")).contains("'recording'"));
        assertTrue(error(args("mode", "replay", "recording", rec.toString(), "inputText", "x")).contains("'inputText'"));
    }

    @Test
    void sizes() {
        assertEquals(128L << 20, SizeParser.parse("128M"));
        assertEquals(128L << 20, SizeParser.parse("128 MiB"));
        assertEquals(64L << 10, SizeParser.parse("64k"));
        assertEquals(4096, SizeParser.parse("4096"));
        assertEquals(4096, SizeParser.parse("4096B"));
        assertEquals(1L << 40, SizeParser.parse("1T"));
        assertEquals(1000, SizeParser.parse(1000));
        assertThrows(IllegalArgumentException.class, () -> SizeParser.parse("0M"));
        assertThrows(IllegalArgumentException.class, () -> SizeParser.parse("-1M"));
        assertThrows(IllegalArgumentException.class, () -> SizeParser.parse("M"));
        assertThrows(IllegalArgumentException.class, () -> SizeParser.parse(true));
    }

    @Test
    void semihostingAttributes() {
        LaunchSpec s = LaunchArguments.toSpec(args("program", elf.toString(), "semihosting", true,
                "semihostingDir", dir.toString(), "semihostingCmdline", "alpha beta"));
        assertEquals(new LaunchSpec.Semihosting(dir, "alpha beta"), s.semihosting());
        assertEquals(null, LaunchArguments.toSpec(args("program", elf.toString())).semihosting());
        assertTrue(error(args("program", elf.toString(), "semihostingDir", dir.toString()))
                .contains("'semihostingDir' needs \"semihosting\": true"));
        assertTrue(error(args("program", elf.toString(), "semihosting", true, "semihostingDir",
                dir.resolve("nope").toString())).contains("no such directory"));
        assertTrue(error(args("program", elf.toString(), "semihosting", "yes")).contains("'semihosting'"));
        Path rec = dir.resolve("r.bsr");
        try {
            Files.write(rec, new byte[] {1});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(error(args("mode", "replay", "recording", rec.toString(), "semihosting", true))
                .contains("record mode only"));
    }
}
