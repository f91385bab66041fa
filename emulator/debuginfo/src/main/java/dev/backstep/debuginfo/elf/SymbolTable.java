package dev.backstep.debuginfo.elf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The ELF symbols that can name an address, sorted by address, and the lookups gdb makes with them.
 *
 * <p>Only function, object and untyped symbols of a loaded section name anything: absolute symbols
 * ({@code __stack_size}), common, undefined, section and file symbols never do, nor mapping symbols ({@code $x}) and
 * local labels ({@code .L...}). An address is named by a symbol of the section that holds it: the sized symbol
 * covering it, else the nearest label (an unsized symbol) above the nearest sized symbol below it; an address in no
 * loaded section has no name (gdb prints {@code ??}). At one address a sized symbol wins over a label, a function or
 * object over an untyped symbol, a global over a local one.
 */
public final class SymbolTable {
    /** Section indexes from here up are reserved: absolute (0xfff1), common (0xfff2) and the like. */
    private static final int SHN_LORESERVE = 0xff00;
    /** How far below an address a symbol is still looked for (a bound on the scan, not a rule of naming). */
    private static final long SCAN_LIMIT = 0x100000;

    private final List<ElfSymbol> all;
    private final List<ElfSymbol> byAddress;
    private final List<ElfSection> sections;

    /** A table whose symbols' sections are unknown: no section check (tests, hand-made tables). */
    public SymbolTable(List<ElfSymbol> symbols) {
        this(symbols, List.of());
    }

    /** {@code sections}: the ELF's section headers, indexed as the symbols' section indexes count. */
    public SymbolTable(List<ElfSymbol> symbols, List<ElfSection> sections) {
        this.all = List.copyOf(symbols);
        this.sections = List.copyOf(sections);
        List<ElfSymbol> sorted = new ArrayList<>();
        for (ElfSymbol s : symbols) {
            if (canName(s)) {
                sorted.add(s);
            }
        }
        // Lookups scan downwards from the address: at one address the preferred symbol must come last.
        sorted.sort(Comparator.comparingLong(ElfSymbol::value)
                .thenComparing(s -> s.kind() != ElfSymbol.Kind.NOTYPE)
                .thenComparing(s -> s.binding() != ElfSymbol.Binding.LOCAL)
                .thenComparing(ElfSymbol::name));
        this.byAddress = List.copyOf(sorted);
    }

    private boolean canName(ElfSymbol s) {
        if (s.name().isEmpty() || s.name().startsWith("$") || s.name().startsWith(".L")) {
            return false;
        }
        if (s.kind() != ElfSymbol.Kind.FUNC && s.kind() != ElfSymbol.Kind.OBJECT && s.kind() != ElfSymbol.Kind.NOTYPE) {
            return false;
        }
        if (s.sectionIndex() == 0 || s.sectionIndex() >= SHN_LORESERVE) {
            return false;
        }
        ElfSection sec = section(s.sectionIndex());
        return sections.isEmpty() || sec != null && (sec.flags() & ElfSection.SHF_ALLOC) != 0;
    }

    private ElfSection section(int index) {
        return index >= 0 && index < sections.size() ? sections.get(index) : null;
    }

    /** Every entry of the symbol table, in file order (including section and file symbols). */
    public List<ElfSymbol> all() {
        return all;
    }

    public List<ElfSymbol> functions() {
        return all.stream().filter(s -> s.kind() == ElfSymbol.Kind.FUNC).toList();
    }

    public List<ElfSymbol> objects() {
        return all.stream().filter(s -> s.kind() == ElfSymbol.Kind.OBJECT).toList();
    }

    public Optional<ElfSymbol> byName(String name) {
        ElfSymbol best = null;
        for (ElfSymbol s : all) {
            if (s.name().equals(name) && (best == null || best.binding() == ElfSymbol.Binding.LOCAL)) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A symbol that names code by that name, as a breakpoint on a name can use it: a function symbol, or an untyped
     * label in an executable section ({@code _start}); global ones first.
     */
    public Optional<ElfSymbol> codeByName(String name) {
        ElfSymbol best = null;
        for (ElfSymbol s : byAddress) {
            if (s.name().equals(name) && isCode(s) && (best == null || best.binding() == ElfSymbol.Binding.LOCAL)) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether a symbol names code: a function, or an untyped label in an executable section. */
    public boolean isCode(ElfSymbol s) {
        if (s.kind() == ElfSymbol.Kind.FUNC) {
            return true;
        }
        ElfSection sec = section(s.sectionIndex());
        return s.kind() == ElfSymbol.Kind.NOTYPE && sec != null && sec.isExecutable();
    }

    /** The index of the loaded section holding an address: -1 when none does, 0 when sections are unknown. */
    private int sectionOf(long addr) {
        if (sections.isEmpty()) {
            return 0;
        }
        for (ElfSection s : sections) {
            if (s.contains(addr) && s.size() > 0) {
                return s.index();
            }
        }
        return -1;
    }

    /**
     * The symbol that names an address (code or data): the sized symbol of its section covering it, else the
     * nearest label above the sized symbol below it; empty outside every loaded section.
     */
    public Optional<ElfSymbol> containing(long addr) {
        int sec = sectionOf(addr);
        if (sec < 0) {
            return Optional.empty();
        }
        int idx = lastAtOrBelow(addr);
        ElfSymbol label = null;
        for (int i = idx; i >= 0; i--) {
            ElfSymbol s = byAddress.get(i);
            if (addr - s.value() > SCAN_LIMIT) {
                break;
            }
            if (sec > 0 && s.sectionIndex() != sec) {
                continue;
            }
            if (s.size() == 0) {
                if (label == null) {
                    label = s;
                }
                continue;
            }
            if (addr - s.value() < s.size()) {
                return Optional.of(s);
            }
            // a larger symbol just below may still cover it (an alias of a bigger object)
            ElfSymbol below = nextSizedBelow(i, sec);
            if (below != null && addr - below.value() < below.size()) {
                return Optional.of(below);
            }
            return Optional.ofNullable(label);
        }
        return Optional.ofNullable(label);
    }

    private ElfSymbol nextSizedBelow(int i, int sec) {
        for (int j = i - 1; j >= 0; j--) {
            ElfSymbol s = byAddress.get(j);
            if ((sec <= 0 || s.sectionIndex() == sec) && s.size() > 0) {
                return s;
            }
        }
        return null;
    }

    private int lastAtOrBelow(long addr) {
        int lo = 0;
        int hi = byAddress.size() - 1;
        int idx = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (byAddress.get(mid).value() <= addr) {
                idx = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return idx;
    }

    /** {@code "main+0x1c"}, {@code "main"} at the start, or null when no symbol names the address. */
    public String symbolize(long addr) {
        return containing(addr).map(s -> format(s, addr)).orElse(null);
    }

    /**
     * The name a pointer's value gets after it ({@code <window+4>}, the offset in decimal as gdb writes it): as
     * {@link #symbolize}, except that an unsized label names only code, not data (a label such as
     * {@code __bss_start} says nothing about the objects after it).
     */
    public String symbolizeValue(long addr) {
        Optional<ElfSymbol> s = containing(addr);
        if (s.isEmpty() || s.get().size() == 0 && !isInExecutableSection(s.get())) {
            return null;
        }
        long off = addr - s.get().value();
        String name = shownName(s.get());
        return off == 0 ? name : name + "+" + off; // gdb writes a value's offset in decimal
    }

    /**
     * The name gdb shows for a data symbol: GCC names a function's static variable {@code line} as the local ELF
     * object {@code line.0} (a number per function that has one), and gdb shows it as {@code line}.
     */
    static String shownName(ElfSymbol s) {
        String n = s.name();
        if (s.kind() != ElfSymbol.Kind.OBJECT || s.binding() != ElfSymbol.Binding.LOCAL) {
            return n;
        }
        int dot = n.lastIndexOf('.');
        if (dot <= 0 || dot == n.length() - 1) {
            return n;
        }
        for (int i = dot + 1; i < n.length(); i++) {
            if (!Character.isDigit(n.charAt(i))) {
                return n;
            }
        }
        return n.substring(0, dot);
    }

    private boolean isInExecutableSection(ElfSymbol s) {
        ElfSection sec = section(s.sectionIndex());
        return sections.isEmpty() ? s.kind() != ElfSymbol.Kind.OBJECT : sec != null && sec.isExecutable();
    }

    private static String format(ElfSymbol s, long addr) {
        return s.value() == addr ? s.name() : s.name() + "+0x" + Long.toHexString(addr - s.value());
    }
}
