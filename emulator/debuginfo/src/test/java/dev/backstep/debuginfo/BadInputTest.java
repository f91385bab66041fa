package dev.backstep.debuginfo;

import dev.backstep.debuginfo.elf.ElfSection;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken files give a checked exception naming the section and offset, never a crash or a hang. */
class BadInputTest {
    private static ElfSection section(String fixture, String name) throws Exception {
        return Fixtures.load(fixture).elf().section(name).orElseThrow();
    }

    @Test
    void notAnElf() {
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> DebugInfo.parse("hello".getBytes()));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] junk = new byte[100];
        assertTrue(assertThrows(ElfFormatException.class, () -> DebugInfo.parse(junk)).getMessage().contains("magic"));
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] b = Fixtures.bytes("prog-O0.elf");
        byte[] cut = Arrays.copyOf(b, b.length / 2);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> DebugInfo.parse(cut));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void unitLengthPastTheEnd() throws Exception {
        byte[] b = Fixtures.bytes("prog-O0.elf");
        ElfSection info = section("prog-O0.elf", ".debug_info");
        int at = (int) info.fileOffset();
        b[at] = (byte) 0xf0;
        b[at + 1] = (byte) 0xff;
        b[at + 2] = 0;
        b[at + 3] = 0;
        DwarfFormatException e = assertThrows(DwarfFormatException.class, () -> DebugInfo.parse(b));
        assertTrue(e.getMessage().startsWith(".debug_info+0x0:"), e.getMessage());
    }

    @Test
    void unknownFormInAbbreviations() throws Exception {
        byte[] b = Fixtures.bytes("prog-O0.elf");
        ElfSection abbrev = section("prog-O0.elf", ".debug_abbrev");
        // first abbreviation: code, tag, children, then (name, form) pairs; make the first form unknown
        int at = (int) abbrev.fileOffset();
        b[at + 4] = 0x7e;
        DwarfFormatException e = assertThrows(DwarfFormatException.class, () -> DebugInfo.parse(b));
        assertTrue(e.getMessage().contains(".debug_abbrev") && e.getMessage().contains("unknown form"), e.getMessage());
    }

    @Test
    void truncatedLineTableAndFrames() throws Exception {
        for (String name : new String[] {".debug_line", ".debug_frame"}) {
            byte[] b = Fixtures.bytes("prog-O2.elf");
            ElfSection s = section("prog-O2.elf", name);
            int at = (int) s.fileOffset();
            b[at] = (byte) 0xf0;
            b[at + 1] = (byte) 0xff;
            b[at + 2] = (byte) 0xff;
            b[at + 3] = 0x0f;
            DwarfFormatException e = assertThrows(DwarfFormatException.class, () -> DebugInfo.parse(b), name);
            assertTrue(e.getMessage().startsWith(name + "+0x0"), e.getMessage());
        }
    }

    @Test
    void badExpressionOpcode() {
        dev.backstep.debuginfo.loc.EvalContext ctx = null;
        DwarfFormatException e = assertThrows(DwarfFormatException.class, () ->
                dev.backstep.debuginfo.loc.ExpressionEvaluator.evaluate(new byte[] {(byte) 0x30, (byte) 0xee}, ctx, "test expr"));
        assertTrue(e.getMessage().contains("test expr+0x1") && e.getMessage().contains("0xee"), e.getMessage());
    }

    @Test
    void strippedElfHasNoDebugInfoButLoads() throws Exception {
        DebugInfo info = Fixtures.load("prog-O2-stripped.elf");
        assertFalse(info.hasDebugInfo());
        assertTrue(info.functions().isEmpty());
        assertTrue(info.lines().rowAt(0x80000000L).isEmpty());
        assertTrue(info.functionsAt(0x80000000L).isEmpty());
        assertTrue(info.breakpointAddresses("calls.c", 10).isEmpty());
        assertTrue(info.globals().isEmpty());
    }
}
