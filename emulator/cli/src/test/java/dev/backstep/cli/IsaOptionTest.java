package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --isa: the ELF's arch attribute by default, overridable, recorded in the recording and used by its replay. */
class IsaOptionTest {
    @Test
    void theIsaComesFromTheElfAndTheOptionOverridesIt(@TempDir Path dir) throws Exception {
        Path elf = CliRunner.example("hardfloat.elf");
        CliRunner.Result ok = CliRunner.run("run", elf.toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("fflags: 1/3 -> 0x1, 1/0 -> 0x8, 0/0 -> 0x10, 4/2 -> 0x0"), ok.out());

        // without F the first float instruction is illegal: the program never gets to print
        CliRunner.Result noF = CliRunner.run("run", elf.toString(), "--isa", "rv32imac", "--max-instructions", "200000");
        assertTrue(!noF.out().contains("projectile"), noF.out());

        CliRunner.Result bad = CliRunner.run("run", elf.toString(), "--isa", "rv32imacv");
        assertEquals(2, bad.status(), bad.err());
        assertTrue(bad.err().contains("extension 'v' is not implemented"), bad.err());

        Path rec = dir.resolve("hf.bsr");
        CliRunner.Result r = CliRunner.run("record", elf.toString(), "-o", rec.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.size(rec) > 0);
        CliRunner.Result info = CliRunner.run("info", rec.toString());
        assertTrue(info.out().contains("ISA rv32imafdc"), info.out());
        CliRunner.Result replay = CliRunner.run("replay", rec.toString(), "--quiet", "--no-progress");
        assertEquals(0, replay.status(), replay.out() + replay.err());
    }
}
