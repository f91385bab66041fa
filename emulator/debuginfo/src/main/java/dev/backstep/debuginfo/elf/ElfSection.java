package dev.backstep.debuginfo.elf;

/** One section header. {@code fileOffset}/{@code size} locate its bytes in the file (NOBITS sections have none). */
public record ElfSection(int index, String name, int type, long flags, long address, long fileOffset, long size,
                         int link, int info, long entrySize) {
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_NOBITS = 8;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;
    public static final long SHF_COMPRESSED = 0x800;

    public boolean hasBytes() {
        return type != SHT_NOBITS;
    }

    public boolean isExecutable() {
        return (flags & SHF_EXECINSTR) != 0;
    }

    public boolean contains(long addr) {
        return (flags & SHF_ALLOC) != 0 && addr >= address && addr - address < size;
    }
}
