package dev.backstep.debuginfo.elf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The named function and object symbols of an ELF, sorted by address for address-to-name lookups. */
public final class SymbolTable {
    private final List<ElfSymbol> all;
    private final List<ElfSymbol> byAddress;

    public SymbolTable(List<ElfSymbol> symbols) {
        this.all = List.copyOf(symbols);
        List<ElfSymbol> sorted = new ArrayList<>();
        for (ElfSymbol s : symbols) {
            if (!s.name().isEmpty() && (s.kind() == ElfSymbol.Kind.FUNC || s.kind() == ElfSymbol.Kind.OBJECT
                    || s.kind() == ElfSymbol.Kind.NOTYPE) && s.sectionIndex() != 0 && !s.name().startsWith("$")
                    && !s.name().startsWith(".L")) {
                sorted.add(s);
            }
        }
        // Among symbols at one address, prefer sized FUNC/OBJECT, then global, so lookups pick "main" over a label.
        sorted.sort(Comparator.comparingLong(ElfSymbol::value)
                .thenComparing(s -> s.kind() == ElfSymbol.Kind.NOTYPE)
                .thenComparing(s -> s.binding() == ElfSymbol.Binding.LOCAL));
        this.byAddress = List.copyOf(sorted);
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
     * The symbol that covers an address: a sized symbol containing it, else the nearest unsized label at or below
     * it (assembly labels like {@code _start} have no size).
     */
    public Optional<ElfSymbol> containing(long addr) {
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
        ElfSymbol label = null;
        for (int i = idx; i >= 0; i--) {
            ElfSymbol s = byAddress.get(i);
            if (s.size() > 0 && s.contains(addr)) {
                return Optional.of(s);
            }
            if (label == null && s.size() == 0 && s.kind() != ElfSymbol.Kind.OBJECT) {
                label = s;
            }
            if (addr - s.value() > 0x100000) {
                break;
            }
        }
        return Optional.ofNullable(label);
    }

    /** {@code "main+0x1c"}, {@code "main"} at the start, or null when no symbol covers the address. */
    public String symbolize(long addr) {
        return containing(addr).map(s -> s.value() == addr ? s.name()
                : s.name() + "+0x" + Long.toHexString(addr - s.value())).orElse(null);
    }
}
