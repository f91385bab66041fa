package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.line.LineRow;
import dev.backstep.machine.Machine;
import dev.backstep.session.Instruction;
import dev.backstep.session.disasm.Disassembler;
import dev.backstep.session.disasm.Disassembler.Decoded;

import java.util.ArrayList;
import java.util.List;

/**
 * Disassembly around an address. Instructions are 2 or 4 bytes, so going backwards from an address is ambiguous:
 * start from the nearest symbol (or line-table row) before it and decode forwards, which follows the real stream.
 */
final class DisassemblyView {
    private final DebugInfo debug;
    private final Machine machine;
    private final Disassembler disassembler;

    DisassemblyView(DebugInfo debug, Machine machine) {
        this.debug = debug;
        this.machine = machine;
        this.disassembler = new Disassembler(this::targetName);
    }

    /**
     * A branch target as objdump names it: the nearest code label at or before it (functions and assembler
     * labels), plus the offset; sizes are ignored, so padding after a function still counts as that function.
     */
    private String targetName(long addr) {
        if (labels == null) {
            labels = new java.util.TreeMap<>();
            for (var sym : debug.symbols().all()) {
                boolean code = sym.kind() == dev.backstep.debuginfo.elf.ElfSymbol.Kind.FUNC
                        || sym.kind() == dev.backstep.debuginfo.elf.ElfSymbol.Kind.NOTYPE;
                if (code && sym.name() != null && !sym.name().isEmpty() && !sym.name().startsWith("$")
                        && !sym.name().startsWith(".L") && sym.sectionIndex() != 0) {
                    labels.merge(sym.value(), sym, (a, b) -> preferred(a, b));
                }
            }
        }
        var e = labels.floorEntry(addr);
        if (e == null) {
            return debug.symbols().symbolize(addr);
        }
        long off = addr - e.getKey();
        return off == 0 ? e.getValue().name() : e.getValue().name() + "+0x" + Long.toHexString(off);
    }

    private static dev.backstep.debuginfo.elf.ElfSymbol preferred(dev.backstep.debuginfo.elf.ElfSymbol a,
                                                                 dev.backstep.debuginfo.elf.ElfSymbol b) {
        boolean af = a.kind() == dev.backstep.debuginfo.elf.ElfSymbol.Kind.FUNC;
        boolean bf = b.kind() == dev.backstep.debuginfo.elf.ElfSymbol.Kind.FUNC;
        return af != bf ? (af ? a : b) : a;
    }

    private java.util.TreeMap<Long, dev.backstep.debuginfo.elf.ElfSymbol> labels;

    List<Instruction> disassemble(long address, int offset, int count) {
        long addr = address & ~1L;
        List<Long> before = new ArrayList<>();
        if (offset < 0) {
            // decode forwards from a known boundary until reaching addr, remembering the starts
            long from = boundaryBefore(addr, -offset * 4L + 64);
            long a = from;
            while (a < addr) {
                before.add(a);
                a += length(a);
            }
            if (a != addr) {
                before.clear(); // addr was not on the stream: fall back to 4-byte steps
                for (long b = addr + offset * 4L; b < addr; b += 4) {
                    before.add(b);
                }
            }
        }
        long start;
        if (offset < 0) {
            int idx = before.size() + offset;
            if (idx >= 0) {
                start = before.get(idx);
            } else {
                start = addr + (long) offset * 4;
            }
        } else {
            start = addr;
            for (int i = 0; i < offset; i++) {
                start += length(start);
            }
        }
        List<Instruction> out = new ArrayList<>();
        long a = start;
        for (int i = 0; i < count; i++) {
            out.add(one(a));
            a += length(a);
        }
        return out;
    }

    private long boundaryBefore(long addr, long distance) {
        long lo = Math.max(0, addr - distance);
        var sym = debug.symbols().containing(lo);
        if (sym.isPresent()) {
            return sym.get().value();
        }
        sym = debug.symbols().containing(addr);
        if (sym.isPresent()) {
            return sym.get().value();
        }
        return lo & ~3L;
    }

    private int length(long a) {
        if (a < 0 || a > 0xffffffffL || !Target.mapped(machine, (int) a)) {
            return 4;
        }
        int lo = machine.memory().read16((int) a);
        return (lo & 3) == 3 ? 4 : 2;
    }

    private Instruction one(long a) {
        String sym = null;
        var s = debug.symbols().containing(a);
        if (s.isPresent() && s.get().value() == a) {
            sym = s.get().name();
        }
        LineRow row = debug.lines().rowAt(a).orElse(null);
        String path = row == null ? null : row.file();
        int line = row == null ? 0 : row.line();
        if (a < 0 || a > 0xffffffffL || !Target.mapped(machine, (int) a)) {
            return new Instruction(a, "", "unknown (no memory here)", sym, path, line);
        }
        int lo = machine.memory().read16((int) a);
        int word = (lo & 3) == 3 ? machine.memory().read32((int) a) : lo;
        Decoded d = disassembler.decode(word, a);
        return new Instruction(a, d.length() == 2 ? String.format("%04x", word & 0xffff) : String.format("%08x", word),
                d.text(), sym, path, line);
    }
}
