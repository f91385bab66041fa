package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.elf.ElfSymbol;
import dev.backstep.debuginfo.line.LineRow;
import dev.backstep.machine.Machine;
import dev.backstep.session.Instruction;
import dev.backstep.session.disasm.Disassembler;
import dev.backstep.session.disasm.Disassembler.Decoded;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Disassembly around an address. Instructions are 2 or 4 bytes, so going backwards from an address is ambiguous:
 * decode forwards from a known instruction start (a code label or a line-table row) shortly before it, which
 * follows the real stream.
 *
 * <p>Every call is bounded in time and memory whatever its arguments and whatever the symbol table holds: the
 * backward walk never looks further back than the longest stream the offset can span (all 4-byte instructions),
 * so a far-away or absolute symbol ({@code STACK_SIZE = 0x10000}) can no longer make it decode gigabytes of
 * address space; counts and offsets beyond {@link #MAX_INSTRUCTIONS} are clamped.
 */
final class DisassemblyView {
    /** Far more than any disassembly view asks for at once (VS Code asks for 50 to 200). */
    static final int MAX_INSTRUCTIONS = dev.backstep.session.Limits.MAX_DISASSEMBLY;
    /** Section indexes from here up are reserved (absolute, common...): such symbols are values, not code. */
    private static final int SHN_LORESERVE = 0xff00;
    private static final long ADDRESS_END = 0x1_0000_0000L;
    /** At most this many known instruction starts are tried as the origin of a backward walk. */
    private static final int MAX_ORIGINS = 8;

    private final DebugInfo debug;
    private final Machine machine;
    private final Disassembler disassembler;
    private NavigableMap<Long, ElfSymbol> labels;

    DisassemblyView(DebugInfo debug, Machine machine) {
        this.debug = debug;
        this.machine = machine;
        this.disassembler = new Disassembler(this::targetName);
    }

    /**
     * {@code count} instructions, the first {@code offset} instructions away from {@code address} (negative:
     * before it). Fewer only where the address space ends.
     */
    List<Instruction> disassemble(long address, int offset, int count) {
        int n = Math.max(0, Math.min(count, MAX_INSTRUCTIONS));
        long addr = Math.max(0, Math.min(address, ADDRESS_END - 2)) & ~1L;
        long start = offset < 0 ? backward(addr, Math.min(-(long) offset, MAX_INSTRUCTIONS))
                : forward(addr, Math.min(offset, MAX_INSTRUCTIONS));
        List<Instruction> out = new ArrayList<>(n);
        for (long a = start; out.size() < n && a < ADDRESS_END; a += length(a)) {
            out.add(one(a));
        }
        return out;
    }

    private long forward(long addr, long steps) {
        long a = addr;
        for (long i = 0; i < steps && a < ADDRESS_END; i++) {
            a += length(a);
        }
        return Math.min(a, ADDRESS_END - 2);
    }

    /** The start of the instruction {@code back} instructions before {@code addr} (or the earliest there is). */
    private long backward(long addr, long back) {
        long lo = Math.max(0, addr - back * 4 - 64);
        long best = -1;
        int bestCount = -1;
        for (long origin : origins(lo, addr)) {
            long[] starts = startsBetween(origin, addr);
            if (starts == null) {
                continue; // that origin's stream steps over addr: it is no instruction start of this stream
            }
            if (starts.length >= back) {
                return starts[(int) (starts.length - back)];
            }
            if (starts.length > bestCount) {
                bestCount = starts.length;
                best = starts.length == 0 ? addr : starts[0];
            }
        }
        if (best >= 0) {
            return best; // fewer instructions than asked for before addr, but the listing goes through addr
        }
        return Math.max(0, addr - back * 4); // no stream lands on addr: 4-byte steps
    }

    /**
     * Where a walk towards {@code addr} may begin, best first: known instruction starts in the window (code labels,
     * line-table rows), then the window's own edge and the halfword after it.
     */
    private List<Long> origins(long lo, long addr) {
        TreeSet<Long> known = new TreeSet<>();
        for (long a : labels().subMap(lo, true, addr, true).keySet()) {
            known.add(a);
            if (known.size() >= MAX_ORIGINS) {
                break;
            }
        }
        for (var seq : debug.lines().sequences()) {
            if (known.size() >= 2 * MAX_ORIGINS) {
                break;
            }
            if (seq.end() <= lo || seq.start() > addr) {
                continue;
            }
            for (LineRow r : seq.rows()) {
                if (r.address() >= lo && r.address() <= addr && !r.endSequence()) {
                    known.add(r.address());
                    break; // the sequence's first row in the window is enough: it is on the stream
                }
            }
        }
        List<Long> out = new ArrayList<>();
        for (long a : known) {
            if (out.size() < MAX_ORIGINS) {
                out.add(a);
            }
        }
        out.add(lo & ~1L);
        out.add((lo & ~1L) + 2);
        return out;
    }

    /** The instruction starts in [origin, addr) when decoding from origin lands exactly on addr, else null. */
    private long[] startsBetween(long origin, long addr) {
        long[] starts = new long[(int) ((addr - origin) / 2) + 1];
        int k = 0;
        long a = origin;
        while (a < addr) {
            starts[k++] = a;
            a += length(a);
        }
        return a == addr ? java.util.Arrays.copyOf(starts, k) : null;
    }

    /**
     * A branch target as objdump names it: the nearest code label at or before it (functions and assembler
     * labels), plus the offset; sizes are ignored, so padding after a function still counts as that function.
     */
    private String targetName(long addr) {
        var e = labels().floorEntry(addr);
        if (e == null) {
            return debug.symbols().symbolize(addr);
        }
        long off = addr - e.getKey();
        return off == 0 ? e.getValue().name() : e.getValue().name() + "+0x" + Long.toHexString(off);
    }

    /** Code labels by address: functions and untyped labels of real sections (absolute symbols are values). */
    private NavigableMap<Long, ElfSymbol> labels() {
        if (labels == null) {
            labels = new TreeMap<>();
            for (ElfSymbol sym : debug.symbols().all()) {
                boolean code = sym.kind() == ElfSymbol.Kind.FUNC || sym.kind() == ElfSymbol.Kind.NOTYPE;
                if (code && sym.name() != null && !sym.name().isEmpty() && !sym.name().startsWith("$")
                        && !sym.name().startsWith(".L") && sym.sectionIndex() != 0
                        && sym.sectionIndex() < SHN_LORESERVE) {
                    labels.merge(sym.value(), sym, DisassemblyView::preferred);
                }
            }
        }
        return labels;
    }

    private static ElfSymbol preferred(ElfSymbol a, ElfSymbol b) {
        boolean af = a.kind() == ElfSymbol.Kind.FUNC;
        boolean bf = b.kind() == ElfSymbol.Kind.FUNC;
        return af != bf ? (af ? a : b) : a;
    }

    private boolean mapped(long a) {
        return a >= 0 && a + 1 < ADDRESS_END && Target.mapped(machine, (int) a);
    }

    private int length(long a) {
        if (!mapped(a)) {
            return 4;
        }
        int lo = machine.memory().read16((int) a);
        return (lo & 3) == 3 ? 4 : 2;
    }

    private Instruction one(long a) {
        ElfSymbol at = labels().get(a);
        String sym = at != null ? at.name() : null;
        LineRow row = debug.lines().rowAt(a).orElse(null);
        String path = row == null ? null : row.file();
        int line = row == null ? 0 : row.line();
        if (!mapped(a)) {
            return new Instruction(a, "", "unknown (no memory here)", sym, path, line);
        }
        int lo = machine.memory().read16((int) a);
        boolean wide = (lo & 3) == 3 && a + 3 < ADDRESS_END && mapped(a + 2);
        int word = wide ? machine.memory().read32((int) a) : lo;
        Decoded d = disassembler.decode(word, a);
        return new Instruction(a, d.length() == 2 ? String.format("%04x", word & 0xffff) : String.format("%08x", word),
                d.text(), sym, path, line);
    }
}
