package dev.backstep.debuginfo.elf;

import dev.backstep.debuginfo.ElfFormatException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A 32-bit little-endian ELF file as the debug-info reader needs it: section headers and the symbol table.
 * Self-contained (the machine module has its own loader); every offset is checked against the file size.
 */
public final class ElfFile {
    public static final int EM_RISCV = 243;

    private final byte[] data;
    private final int machine;
    private final long entry;
    private final List<ElfSection> sections;
    private final SymbolTable symbols;

    private ElfFile(byte[] data, int machine, long entry, List<ElfSection> sections, SymbolTable symbols) {
        this.data = data;
        this.machine = machine;
        this.entry = entry;
        this.sections = sections;
        this.symbols = symbols;
    }

    public static ElfFile parse(byte[] data) throws ElfFormatException {
        if (data.length < 52) {
            throw new ElfFormatException("ELF header truncated: file has " + data.length + " bytes, need 52");
        }
        if (data[0] != 0x7f || data[1] != 'E' || data[2] != 'L' || data[3] != 'F') {
            throw new ElfFormatException("not an ELF file (bad magic at offset 0)");
        }
        if (data[4] != 1) {
            throw new ElfFormatException("ELF class " + data[4] + " at offset 4 is not ELFCLASS32 (only rv32 is supported)");
        }
        if (data[5] != 1) {
            throw new ElfFormatException("ELF data encoding " + data[5] + " at offset 5 is not little-endian");
        }
        int machine = u16(data, 18);
        long entry = u32(data, 24);
        long shoff = u32(data, 32);
        int shentsize = u16(data, 46);
        int shnum = u16(data, 48);
        int shstrndx = u16(data, 50);
        List<ElfSection> raw = new ArrayList<>();
        int[] nameOffsets = new int[shnum];
        if (shoff != 0 && shnum != 0) {
            if (shentsize < 40) {
                throw new ElfFormatException("section header size " + shentsize + " at offset 46 is too small");
            }
            if (shoff + (long) shnum * shentsize > data.length) {
                throw new ElfFormatException("section header table at offset 0x" + Long.toHexString(shoff)
                        + " (" + shnum + " entries) runs past the end of the file (size 0x"
                        + Integer.toHexString(data.length) + ")");
            }
            for (int i = 0; i < shnum; i++) {
                int h = (int) shoff + i * shentsize;
                ElfSection s = new ElfSection(i, "", (int) u32(data, h + 4), u32(data, h + 8), u32(data, h + 12),
                        u32(data, h + 16), u32(data, h + 20), (int) u32(data, h + 24), (int) u32(data, h + 28),
                        u32(data, h + 36));
                nameOffsets[i] = (int) u32(data, h);
                if (s.hasBytes() && s.type() != 0 && s.fileOffset() + s.size() > data.length) {
                    throw new ElfFormatException("section " + i + " at file offset 0x" + Long.toHexString(s.fileOffset())
                            + " size 0x" + Long.toHexString(s.size()) + " runs past the end of the file (size 0x"
                            + Integer.toHexString(data.length) + ") (truncated file?)");
                }
                raw.add(s);
            }
        }
        List<ElfSection> sections = new ArrayList<>();
        if (!raw.isEmpty()) {
            if (shstrndx >= raw.size()) {
                throw new ElfFormatException("section name table index " + shstrndx + " out of range (" + raw.size()
                        + " sections)");
            }
            ElfSection names = raw.get(shstrndx);
            for (ElfSection s : raw) {
                String name = stringAt(data, names, nameOffsets[s.index()], "section name of section " + s.index());
                sections.add(new ElfSection(s.index(), name, s.type(), s.flags(), s.address(), s.fileOffset(), s.size(),
                        s.link(), s.info(), s.entrySize()));
            }
        }
        List<ElfSymbol> syms = new ArrayList<>();
        for (ElfSection s : sections) {
            if (s.type() == ElfSection.SHT_SYMTAB) {
                readSymbols(data, s, sections, syms);
            }
        }
        return new ElfFile(data, machine, entry, Collections.unmodifiableList(sections),
                new SymbolTable(syms, sections));
    }

    private static void readSymbols(byte[] data, ElfSection symtab, List<ElfSection> sections, List<ElfSymbol> out)
            throws ElfFormatException {
        if (symtab.link() <= 0 || symtab.link() >= sections.size()) {
            throw new ElfFormatException("symbol table " + symtab.name() + " links to bad string table " + symtab.link());
        }
        ElfSection strtab = sections.get(symtab.link());
        long entSize = symtab.entrySize() == 0 ? 16 : symtab.entrySize();
        if (entSize < 16) {
            throw new ElfFormatException("symbol entry size " + entSize + " of " + symtab.name() + " is too small");
        }
        long count = symtab.size() / entSize;
        for (long i = 0; i < count; i++) {
            int e = (int) (symtab.fileOffset() + i * entSize);
            String name = stringAt(data, strtab, (int) u32(data, e), symtab.name() + " entry " + i);
            int infoByte = data[e + 12] & 0xff;
            out.add(new ElfSymbol(name, u32(data, e + 4), u32(data, e + 8), ElfSymbol.kindOf(infoByte & 0xf),
                    ElfSymbol.bindingOf(infoByte >> 4), u16(data, e + 14)));
        }
    }

    private static String stringAt(byte[] data, ElfSection table, int off, String what) throws ElfFormatException {
        if (off < 0 || off >= table.size()) {
            throw new ElfFormatException(what + ": string offset 0x" + Integer.toHexString(off) + " outside "
                    + (table.name().isEmpty() ? "string table " + table.index() : table.name()));
        }
        int s = (int) (table.fileOffset() + off);
        int end = (int) (table.fileOffset() + table.size());
        int p = s;
        while (p < end && data[p] != 0) {
            p++;
        }
        return new String(data, s, p - s, StandardCharsets.UTF_8);
    }

    private static int u16(byte[] d, int o) {
        return (d[o] & 0xff) | (d[o + 1] & 0xff) << 8;
    }

    private static long u32(byte[] d, int o) {
        return (d[o] & 0xffL) | (d[o + 1] & 0xffL) << 8 | (d[o + 2] & 0xffL) << 16 | (d[o + 3] & 0xffL) << 24;
    }

    public int machine() {
        return machine;
    }

    public long entry() {
        return entry;
    }

    public List<ElfSection> sections() {
        return sections;
    }

    public Optional<ElfSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** A copy of a section's bytes, or empty when the section is absent or has no bytes in the file. */
    public Optional<byte[]> sectionBytes(String name) throws ElfFormatException {
        Optional<ElfSection> s = section(name);
        if (s.isEmpty() || !s.get().hasBytes()) {
            return Optional.empty();
        }
        if ((s.get().flags() & ElfSection.SHF_COMPRESSED) != 0) {
            throw new ElfFormatException("section " + name + " is compressed (SHF_COMPRESSED); relink without "
                    + "--compress-debug-sections");
        }
        byte[] b = new byte[(int) s.get().size()];
        System.arraycopy(data, (int) s.get().fileOffset(), b, 0, b.length);
        return Optional.of(b);
    }

    public SymbolTable symbols() {
        return symbols;
    }

    /**
     * Bytes the image loads at [address, address + length) from a section with contents in the file (code and
     * initialised data), or empty when the range is not wholly inside one such section.
     */
    public Optional<byte[]> loadedBytes(long address, int length) {
        for (ElfSection s : sections) {
            if (s.hasBytes() && s.type() != 0 && s.contains(address) && length >= 0
                    && address + length <= s.address() + s.size()) {
                int from = (int) (s.fileOffset() + address - s.address());
                return Optional.of(java.util.Arrays.copyOfRange(data, from, from + length));
            }
        }
        return Optional.empty();
    }
}
