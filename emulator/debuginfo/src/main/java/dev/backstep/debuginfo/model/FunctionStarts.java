package dev.backstep.debuginfo.model;

import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.dwarf.AddressRange;
import dev.backstep.debuginfo.dwarf.Attribute;
import dev.backstep.debuginfo.dwarf.CompilationUnit;
import dev.backstep.debuginfo.dwarf.Die;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.elf.ElfSymbol;
import dev.backstep.debuginfo.elf.SymbolTable;
import dev.backstep.debuginfo.line.LineProgram;
import dev.backstep.debuginfo.line.LineSpans;
import dev.backstep.debuginfo.line.LineSequence;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a breakpoint on a function's name goes, by gdb's rules, so that {@code break f}, a DAP function breakpoint
 * and a step into {@code f} stop where gdb would:
 * <ul>
 * <li>In a unit whose variables have location lists, from gcc 4.5 on (optimised code: gdb trusts its locations from
 *     the first instruction), and in assembly: at the function's entry.</li>
 * <li>Else at the first line-table entry marked {@code prologue_end}, when the compiler marks one.</li>
 * <li>Else after the prologue as the line table draws it: the end of the function's first line, past lines
 *     of smaller numbers that the scheduler moved into the prologue (not past code inlined there), or the entry
 *     when the line table has two entries at the entry; then, if that lands inside a line, the start of the next
 *     line of the same function.</li>
 * <li>A function of one line, or without line info: after the instructions that set up the frame.</li>
 * </ul>
 * An inlined copy's location is where the copy begins (its {@code DW_AT_entry_pc}, else its lowest address).
 */
public final class FunctionStarts {
    private static final int DW_LANG_MIPS_ASSEMBLER = 0x8001;
    private static final Pattern GCC = Pattern.compile("GNU \\S+ (\\d+)\\.(\\d+)");

    /** One place a function breakpoint stops: {@code function} is null for a symbol without debug info. */
    public record Location(long address, Function function, String file, int line) {
        public boolean isInlined() {
            return function != null && function.isInlined();
        }
    }

    private final ProgramIndex program;
    private final SymbolTable symbols;
    private final PrologueScanner.Code code;
    private final List<LineProgram> programs;
    private final Map<LineProgram, LineSpans> spans = new IdentityHashMap<>();
    private final Map<Integer, Boolean> trustedUnits = new ConcurrentHashMap<>();
    private final Map<Long, Location> byEntry = new ConcurrentHashMap<>();

    public FunctionStarts(ProgramIndex program, List<LineProgram> programs, SymbolTable symbols,
                          PrologueScanner.Code code) {
        this.program = program;
        this.symbols = symbols;
        this.code = code;
        this.programs = List.copyOf(programs);
    }

    /** Reads code through a function of (address, length) to bytes. */
    public static PrologueScanner.Code code(java.util.function.BiFunction<Long, Integer, Optional<byte[]>> reader) {
        return reader::apply;
    }

    /**
     * Every place {@code break name} stops: each concrete function of that name after its prologue, each inlined
     * copy where it begins, or, without a DWARF function, the code symbol of that name. Lowest address first.
     */
    public List<Location> forName(String name) {
        List<Location> out = new ArrayList<>();
        for (Function f : program.functions()) {
            if (name.equals(f.name())) {
                out.add(of(f));
            }
        }
        for (Function f : program.inlinedCopies()) {
            if (name.equals(f.name())) {
                out.add(of(f));
            }
        }
        if (out.isEmpty()) {
            symbols.codeByName(name).ifPresent(s -> out.add(ofSymbol(s)));
        }
        out.sort(java.util.Comparator.comparingLong(Location::address));
        List<Location> unique = new ArrayList<>();
        for (Location l : out) {
            if (unique.isEmpty() || unique.get(unique.size() - 1).address() != l.address()) {
                unique.add(l);
            }
        }
        return unique;
    }

    /** Where a breakpoint on this function (a concrete one or an inlined copy) stops. */
    public Location of(Function f) {
        if (f.isInlined()) {
            long at = f.entryPc() != 0 ? f.entryPc() : f.lowPc();
            LineSpans.Span s = spansFor(f.die().unit(), at).at(at);
            return new Location(at, f, s.file(), s.line());
        }
        long entry = entryOf(f);
        return byEntry.computeIfAbsent(entry, k -> place(f, entry));
    }

    /** The address {@link #of} gives for a concrete function: where line steps into it stop too. */
    public long afterPrologue(Function f) {
        return of(f.frameFunction()).address();
    }

    /** A function's entry as gdb takes it: the start of its first range as DWARF lists them. */
    private static long entryOf(Function f) {
        return f.ranges().isEmpty() ? f.lowPc() : f.ranges().get(0).start();
    }

    private Location place(Function f, long entry) {
        CompilationUnit cu = f.die().unit();
        LineSpans lines = spansFor(cu, entry);
        LineSpans.Span first = lines.at(entry);
        if (first.hasLine() && (trusted(cu) || isAssembly(cu))) {
            return new Location(entry, f, first.file(), first.line());
        }
        long[] range = rangeOf(f, entry);
        long pc = skipPrologue(lines, entry, range[0], range[1], cu);
        return located(f, lines, entry, pc, range[1]);
    }

    private Location ofSymbol(ElfSymbol s) {
        long entry = s.value();
        LineSpans lines = spansAt(entry);
        LineSpans.Span first = lines == null ? null : lines.at(entry);
        if (first != null && first.hasLine() && unitAt(entry).map(u -> trusted(u) || isAssembly(u)).orElse(true)) {
            return new Location(entry, null, first.file(), first.line());
        }
        long end = s.size() > 0 ? entry + s.size() : nextSymbolAfter(entry);
        long pc = lines == null ? PrologueScanner.scan(code, entry, Math.min(end, entry + PrologueScanner.LIMIT))
                : skipPrologue(lines, entry, entry, end, null);
        if (lines != null) {
            LineSpans.Span at = lines.at(pc);
            if (at.hasLine() && at.start() != pc && at.end() < end && at.end() > entry) {
                pc = at.end();
            }
            LineSpans.Span where = lines.at(pc);
            return new Location(pc, null, where.file(), where.line());
        }
        return new Location(pc, null, null, 0);
    }

    /** gdb's riscv_skip_prologue: the line table's answer, else the instruction scan. */
    private long skipPrologue(LineSpans lines, long entry, long start, long end, CompilationUnit cu) {
        Optional<Long> marked = lines.prologueEnd(start, end);
        if (marked.isPresent() && (cu == null || !isAssembly(cu))) {
            return marked.get();
        }
        long post = prologueFromLines(lines, start, end, cu);
        if (post != 0) {
            return Math.max(entry, post);
        }
        return PrologueScanner.scan(code, entry, Math.min(end, entry + PrologueScanner.LIMIT));
    }

    /** gdb's skip_prologue_using_sal; 0 when the line table cannot tell. */
    private long prologueFromLines(LineSpans lines, long start, long end, CompilationUnit cu) {
        LineSpans.Span prologue = lines.at(start);
        if (!prologue.hasLine()) {
            return 0;
        }
        if ((cu == null || !isAssembly(cu)) && lines.startsTwice(start)) {
            return start;
        }
        if (prologue.end() >= end) {
            return 0;
        }
        while (prologue.end() < end) {
            LineSpans.Span next = lines.at(prologue.end());
            if (!next.hasLine() || next.line() >= prologue.line() || !next.file().equals(prologue.file())
                    || inInlinedCode(prologue.end())) {
                break;
            }
            prologue = next;
        }
        return prologue.end() < end ? prologue.end() : prologue.start();
    }

    /** The location for a pc after the prologue: moved on to the next line when inside one, its line named. */
    private Location located(Function f, LineSpans lines, long entry, long pc, long end) {
        LineSpans.Span at = lines.at(pc);
        if (at.hasLine() && at.start() != pc && entry <= at.end() && at.end() < f.highPc()) {
            pc = at.end();
            at = lines.at(pc);
        }
        if (pc <= entry) {
            LineSpans.Span e = lines.at(entry);
            return new Location(entry, f, e.file(), e.line());
        }
        String file = at.file();
        int line = at.line();
        Function outerInlined = outermostInlined(pc);
        if (outerInlined != null && outerInlined.declLine() != 0) {
            // gdb names a place inside inlined code after the inlined function's declaration
            file = outerInlined.declFile();
            line = outerInlined.declLine();
        }
        return new Location(pc, f, file, line);
    }

    private boolean inInlinedCode(long pc) {
        List<Function> fns = functionsAt(pc);
        return !fns.isEmpty() && fns.get(0).isInlined();
    }

    private Function outermostInlined(long pc) {
        Function found = null;
        for (Function f : functionsAt(pc)) {
            if (f.isInlined()) {
                found = f;
            }
        }
        return found;
    }

    private List<Function> functionsAt(long pc) {
        try {
            return program.functionsAt(pc);
        } catch (DwarfFormatException e) {
            return List.of();
        }
    }

    /** The range of a function holding its entry: [start, end). */
    private static long[] rangeOf(Function f, long entry) {
        for (AddressRange r : f.ranges()) {
            if (r.contains(entry)) {
                return new long[] {r.start(), r.end()};
            }
        }
        return new long[] {entry, f.highPc()};
    }

    private long nextSymbolAfter(long entry) {
        long best = entry + PrologueScanner.LIMIT;
        for (ElfSymbol s : symbols.all()) {
            if (s.value() > entry && s.value() < best && symbols.isCode(s)) {
                best = s.value();
            }
        }
        return best;
    }

    /**
     * Whether gdb takes a unit's locations as valid from a function's first instruction: gcc 4.5 or later, and
     * some variable of the unit has a location list (the code was optimised and tracked).
     */
    public boolean trusted(CompilationUnit cu) {
        return trustedUnits.computeIfAbsent(cu.offset(), k -> gccAtLeast45(cu) && hasLocationList(cu, cu.root()));
    }

    private static boolean gccAtLeast45(CompilationUnit cu) {
        String producer;
        try {
            producer = cu.string(cu.root().attribute(Dw.AT_PRODUCER));
        } catch (DwarfFormatException e) {
            return false;
        }
        if (producer == null) {
            return false;
        }
        Matcher m = GCC.matcher(producer);
        if (!m.lookingAt()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 4 || major == 4 && minor >= 5;
    }

    private static boolean hasLocationList(CompilationUnit cu, Die d) {
        if (d.tag() == Dw.TAG_VARIABLE || d.tag() == Dw.TAG_FORMAL_PARAMETER) {
            Attribute loc = d.attribute(Dw.AT_LOCATION);
            if (loc != null && cu.isLocationList(loc)) {
                return true;
            }
        }
        for (Die c : d.children()) {
            if (hasLocationList(cu, c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAssembly(CompilationUnit cu) {
        Attribute lang = cu.root().attribute(Dw.AT_LANGUAGE);
        return lang != null && lang.value() == DW_LANG_MIPS_ASSEMBLER;
    }

    private LineSpans spansFor(CompilationUnit cu, long pc) {
        LineProgram p = program.lineProgram(cu);
        if (p != null) {
            return spans(p);
        }
        LineSpans s = spansAt(pc);
        return s != null ? s : spans(null);
    }

    /** The line table of the unit whose code holds pc, or null. */
    private LineSpans spansAt(long pc) {
        for (LineProgram p : programs) {
            for (LineSequence q : p.sequences()) {
                if (q.start() != 0 && q.contains(pc)) {
                    return spans(p);
                }
            }
        }
        return null;
    }

    private Optional<CompilationUnit> unitAt(long pc) {
        for (CompilationUnit cu : program.units()) {
            LineProgram p = program.lineProgram(cu);
            if (p == null) {
                continue;
            }
            for (LineSequence q : p.sequences()) {
                if (q.start() != 0 && q.contains(pc)) {
                    return Optional.of(cu);
                }
            }
        }
        return Optional.empty();
    }

    private synchronized LineSpans spans(LineProgram p) {
        if (p == null) {
            return LineSpans.EMPTY;
        }
        return spans.computeIfAbsent(p, LineSpans::new);
    }
}
