package dev.backstep.debuginfo.elf;

/** One symbol-table entry, address and size as unsigned 32-bit values held in longs. */
public record ElfSymbol(String name, long value, long size, Kind kind, Binding binding, int sectionIndex) {
    public enum Kind { NOTYPE, OBJECT, FUNC, SECTION, FILE, OTHER }

    public enum Binding { LOCAL, GLOBAL, WEAK, OTHER }

    public boolean contains(long addr) {
        return addr >= value && (addr - value < size || (size == 0 && addr == value));
    }

    static Kind kindOf(int type) {
        switch (type) {
            case 0: return Kind.NOTYPE;
            case 1: return Kind.OBJECT;
            case 2: return Kind.FUNC;
            case 3: return Kind.SECTION;
            case 4: return Kind.FILE;
            default: return Kind.OTHER;
        }
    }

    static Binding bindingOf(int bind) {
        switch (bind) {
            case 0: return Binding.LOCAL;
            case 1: return Binding.GLOBAL;
            case 2: return Binding.WEAK;
            default: return Binding.OTHER;
        }
    }
}
