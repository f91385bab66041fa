package dev.backstep.machine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * An ELF32 little-endian RISC-V executable as the loader needs it: loadable segments, entry point, and the symbols
 * that name addresses in messages. debuginfo reads the same file again for sections, symbols and DWARF
 * ({@code dev.backstep.debuginfo.elf.ElfFile}): machine and debuginfo depend on nothing of ours, and a loader needs
 * only this much.
 */
public final class ElfImage {
    private static final int PT_LOAD = 1;
    private static final int SHT_SYMTAB = 2;
    private static final int EM_RISCV = 243;

    private final int entry;
    private final List<ElfSegment> segments;
    private final List<ImageSymbol> symbols;
    /** Sized symbols (functions and objects) sorted by address, for symbolize(). */
    private final List<ImageSymbol> byAddress;
    /** The file's bytes until {@link #digest()} is first asked for: a plain run never needs the digest. */
    private byte[] file;
    private String digest;
    /** Tag_RISCV_arch of the .riscv.attributes section, or null. */
    private final String arch;

    private ElfImage(int entry, List<ElfSegment> segments, List<ImageSymbol> symbols, byte[] file, String arch) {
        this.entry = entry;
        this.arch = arch;
        this.segments = List.copyOf(segments);
        this.symbols = List.copyOf(symbols);
        List<ImageSymbol> sorted = new ArrayList<>();
        for (ImageSymbol s : symbols) {
            if ((s.type() == ImageSymbol.STT_FUNC || s.type() == ImageSymbol.STT_OBJECT || s.type() == 0)
                    && !s.name().isEmpty() && !s.name().startsWith("$")) {
                sorted.add(s);
            }
        }
        sorted.sort(Comparator.comparingLong((ImageSymbol s) -> Integer.toUnsignedLong(s.value())));
        this.byAddress = Collections.unmodifiableList(sorted);
        this.file = file;
    }

    public static ElfImage read(Path path) throws IOException, ElfFormatException {
        return parseOwned(Files.readAllBytes(path));
    }

    public static ElfImage parse(byte[] file) throws ElfFormatException {
        return parseOwned(file.clone()); // kept for the digest: the caller may reuse its array
    }

    private static ElfImage parseOwned(byte[] file) throws ElfFormatException {
        if (file.length < 4 || file[0] != 0x7F || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
            throw new ElfFormatException("not an ELF file (bad magic)");
        }
        if (file.length < 52) {
            throw new ElfFormatException("truncated ELF header (" + file.length + " bytes, need 52)");
        }
        if (file[4] == 2) {
            throw new ElfFormatException("64-bit ELF; Backstep runs RV32 (ELF32) programs only");
        }
        if (file[4] != 1) {
            throw new ElfFormatException("unknown ELF class " + file[4]);
        }
        if (file[5] == 2) {
            throw new ElfFormatException("big-endian ELF; RISC-V programs must be little-endian");
        }
        if (file[5] != 1) {
            throw new ElfFormatException("unknown ELF data encoding " + file[5]);
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int machine = b.getShort(18) & 0xFFFF;
        if (machine != EM_RISCV) {
            throw new ElfFormatException("not a RISC-V ELF (e_machine = " + machine + ", expected 243)");
        }
        int entry = b.getInt(24);
        long phoff = Integer.toUnsignedLong(b.getInt(28));
        long shoff = Integer.toUnsignedLong(b.getInt(32));
        int phentsize = b.getShort(42) & 0xFFFF;
        int phnum = b.getShort(44) & 0xFFFF;
        int shentsize = b.getShort(46) & 0xFFFF;
        int shnum = b.getShort(48) & 0xFFFF;
        if (phnum > 0 && (phentsize < 32 || phoff + (long) phnum * phentsize > file.length)) {
            throw new ElfFormatException("truncated program headers (" + phnum + " at offset " + phoff
                    + ", file is " + file.length + " bytes)");
        }
        List<ElfSegment> segs = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int o = (int) (phoff + (long) i * phentsize);
            if (b.getInt(o) != PT_LOAD) {
                continue;
            }
            long off = Integer.toUnsignedLong(b.getInt(o + 4));
            int vaddr = b.getInt(o + 8);
            int paddr = b.getInt(o + 12);
            long filesz = Integer.toUnsignedLong(b.getInt(o + 16));
            long memsz = Integer.toUnsignedLong(b.getInt(o + 20));
            int flags = b.getInt(o + 24);
            if (memsz == 0) {
                continue;
            }
            if (off + filesz > file.length) {
                throw new ElfFormatException("truncated segment data: segment " + i + " needs bytes "
                        + off + ".." + (off + filesz) + " but the file has " + file.length);
            }
            if (filesz > memsz) {
                throw new ElfFormatException("segment " + i + " has file size " + filesz + " > memory size " + memsz);
            }
            byte[] data = new byte[(int) filesz];
            System.arraycopy(file, (int) off, data, 0, (int) filesz);
            segs.add(new ElfSegment(vaddr, paddr, data, (int) memsz, flags));
        }
        if (segs.isEmpty()) {
            throw new ElfFormatException("no loadable (PT_LOAD) segments");
        }
        List<ImageSymbol> syms = readSymbols(b, file, shoff, shentsize, shnum);
        return new ElfImage(entry, segs, syms, file, RiscvAttributes.arch(b, file, shoff, shentsize, shnum));
    }

    private static List<ImageSymbol> readSymbols(ByteBuffer b, byte[] file, long shoff, int shentsize, int shnum) {
        List<ImageSymbol> out = new ArrayList<>();
        if (shnum == 0 || shentsize < 40 || shoff + (long) shnum * shentsize > file.length) {
            return out; // symbols are for diagnostics only: a stripped or odd file still loads
        }
        for (int i = 0; i < shnum; i++) {
            int o = (int) (shoff + (long) i * shentsize);
            if (b.getInt(o + 4) != SHT_SYMTAB) {
                continue;
            }
            long off = Integer.toUnsignedLong(b.getInt(o + 16));
            long size = Integer.toUnsignedLong(b.getInt(o + 20));
            int link = b.getInt(o + 24);
            if (off + size > file.length || link < 0 || link >= shnum) {
                continue;
            }
            int lo = (int) (shoff + (long) link * shentsize);
            long stroff = Integer.toUnsignedLong(b.getInt(lo + 16));
            long strsize = Integer.toUnsignedLong(b.getInt(lo + 20));
            if (stroff + strsize > file.length) {
                continue;
            }
            for (long e = off; e + 16 <= off + size; e += 16) {
                int nameOff = b.getInt((int) e);
                int value = b.getInt((int) e + 4);
                int sz = b.getInt((int) e + 8);
                int info = file[(int) e + 12] & 0xFF;
                String name = cString(file, stroff, strsize, nameOff);
                out.add(new ImageSymbol(name, value, sz, info & 0xF));
            }
        }
        return out;
    }

    private static String cString(byte[] file, long base, long limit, int off) {
        if (off < 0 || off >= limit) {
            return "";
        }
        int start = (int) (base + off);
        int end = start;
        while (end < base + limit && file[end] != 0) {
            end++;
        }
        return new String(file, start, end - start, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The arch string the program was built for (its {@code Tag_RISCV_arch} attribute), or null when it has none. */
    public String archAttribute() {
        return arch;
    }

    /**
     * The instruction set to run the program with when the user names none: its arch attribute (extensions
     * Backstep lacks left out), else rv32imac. An attribute that names no RV32 base also gives rv32imac.
     */
    public Isa defaultIsa() {
        if (arch == null) {
            return Isa.RV32IMAC;
        }
        try {
            return Isa.fromElfAttribute(arch);
        } catch (IllegalArgumentException e) {
            return Isa.RV32IMAC;
        }
    }

    public int entry() {
        return entry;
    }

    public List<ElfSegment> segments() {
        return segments;
    }

    public List<ImageSymbol> symbols() {
        return symbols;
    }

    /** SHA-256 of the file bytes, hex. */
    public synchronized String digest() {
        if (digest == null) {
            digest = sha256(file);
            file = null;
        }
        return digest;
    }

    /** First symbol with that name, or null. */
    public ImageSymbol symbol(String name) {
        for (ImageSymbol s : symbols) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** "name+0x1c" for the symbol containing addr (or the nearest one below it when sizes are 0), else null. */
    public String symbolize(int addr) {
        long a = Integer.toUnsignedLong(addr);
        ImageSymbol sized = null;
        ImageSymbol unsized = null;
        for (ImageSymbol s : byAddress) {
            long v = Integer.toUnsignedLong(s.value());
            if (v > a) {
                break;
            }
            if (s.size() != 0 && a < v + Integer.toUnsignedLong(s.size())) {
                sized = s;
            } else if (s.size() == 0) {
                unsized = s;
            }
        }
        // an unsized label (assembly) only counts when no sized symbol covers the address
        ImageSymbol best = sized != null ? sized : unsized;
        if (best == null) {
            return null;
        }
        long off = a - Integer.toUnsignedLong(best.value());
        return off == 0 ? best.name() : best.name() + "+0x" + Long.toHexString(off);
    }
}
