package dev.backstep.machine;

/**
 * A .symtab entry of an {@link ElfImage}, as the loader keeps it to name addresses ({@link ElfImage#symbolize});
 * debuginfo's {@code ImageSymbol} is the full entry. {@code type} is the ELF STT_* value (0 NOTYPE, 1 OBJECT, 2 FUNC,
 * 3 SECTION, 4 FILE).
 */
public record ImageSymbol(String name, int value, int size, int type) {
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
}
