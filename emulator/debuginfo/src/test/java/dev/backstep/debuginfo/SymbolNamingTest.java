package dev.backstep.debuginfo;

import dev.backstep.debuginfo.elf.ElfSection;
import dev.backstep.debuginfo.elf.ElfSymbol;
import dev.backstep.debuginfo.elf.SymbolTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which symbols name code and data, as gdb picks them. */
class SymbolNamingTest {
    private static final ElfSection NULL = new ElfSection(0, "", 0, 0, 0, 0, 0, 0, 0, 0);
    private static final ElfSection TEXT = new ElfSection(1, ".text", 1, ElfSection.SHF_ALLOC | ElfSection.SHF_EXECINSTR,
            0x80000000L, 0x1000, 0x400, 0, 0, 0);
    private static final ElfSection DATA = new ElfSection(2, ".data", 1, ElfSection.SHF_ALLOC, 0x80000400L, 0x1400,
            0x100, 0, 0, 0);
    private static final ElfSection COMMENT = new ElfSection(3, ".comment", 1, 0, 0, 0x1500, 0x20, 0, 0, 0);

    private static ElfSymbol sym(String name, long value, long size, ElfSymbol.Kind kind, int section) {
        return new ElfSymbol(name, value, size, kind, ElfSymbol.Binding.GLOBAL, section);
    }

    private static final SymbolTable TABLE = new SymbolTable(List.of(
            sym("_text", 0x80000000L, 0, ElfSymbol.Kind.NOTYPE, 1),
            sym("_start", 0x80000000L, 0, ElfSymbol.Kind.FUNC, 1),
            sym("main", 0x80000010L, 0x20, ElfSymbol.Kind.FUNC, 1),
            sym("label_in_main", 0x80000018L, 0, ElfSymbol.Kind.NOTYPE, 1),
            sym("after_main", 0x80000040L, 0, ElfSymbol.Kind.NOTYPE, 1),
            sym("__stack_size", 0x12c, 0, ElfSymbol.Kind.NOTYPE, 0xfff1),
            sym("__tls_align", 0x9, 0, ElfSymbol.Kind.NOTYPE, 0xfff1),
            sym(".text", 0x80000000L, 0, ElfSymbol.Kind.SECTION, 1),
            sym("window", 0x80000400L, 0x20, ElfSymbol.Kind.OBJECT, 2),
            new ElfSymbol("line.0", 0x80000430L, 0x10, ElfSymbol.Kind.OBJECT, ElfSymbol.Binding.LOCAL, 2),
            new ElfSymbol("table.v2", 0x80000440L, 0x10, ElfSymbol.Kind.OBJECT, ElfSymbol.Binding.LOCAL, 2),
            sym("__bss_start", 0x80000420L, 0, ElfSymbol.Kind.NOTYPE, 2),
            sym("$x", 0x80000020L, 0, ElfSymbol.Kind.NOTYPE, 1),
            sym("note", 0x4, 4, ElfSymbol.Kind.OBJECT, 3)),
            List.of(NULL, TEXT, DATA, COMMENT));

    @Test
    void absoluteSymbolsAndAddressesOutsideTheImageHaveNoName() {
        assertNull(TABLE.symbolize(0x1000), "the reset stub is no symbol's (gdb: ?? ())");
        assertNull(TABLE.symbolize(0x12c + 4));
        assertNull(TABLE.symbolize(0x9));
        assertNull(TABLE.symbolize(0x6), "symbols of sections that are not loaded name nothing");
    }

    @Test
    void aFunctionWinsOverALabelAtItsAddressAndASizedSymbolOverALabelInside() {
        assertEquals("_start", TABLE.symbolize(0x80000000L));
        assertEquals("_start+0x4", TABLE.symbolize(0x80000004L));
        assertEquals("main+0xc", TABLE.symbolize(0x8000001cL), "a label inside main does not name main's code");
        assertEquals("after_main", TABLE.symbolize(0x80000040L));
        assertEquals("after_main+0x8", TABLE.symbolize(0x80000048L));
    }

    @Test
    void pointerValuesAreNamedByObjectsNotByDataLabels() {
        assertEquals("window+4", TABLE.symbolizeValue(0x80000404L));
        assertNull(TABLE.symbolizeValue(0x80000424L), "__bss_start says nothing about what follows it");
        assertEquals("main+4", TABLE.symbolizeValue(0x80000014L));
        assertEquals("line+4", TABLE.symbolizeValue(0x80000434L), "a function's static 'line' is the ELF object line.0");
        assertEquals("table.v2", TABLE.symbolizeValue(0x80000440L), "only a numeric suffix is GCC's");
        assertTrue(TABLE.codeByName("_start").isPresent());
        assertTrue(TABLE.codeByName("window").isEmpty());
    }
}
