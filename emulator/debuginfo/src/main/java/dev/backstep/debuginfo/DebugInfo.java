package dev.backstep.debuginfo;

import dev.backstep.debuginfo.dwarf.CompilationUnit;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.dwarf.DwarfSections;
import dev.backstep.debuginfo.dwarf.UnitParser;
import dev.backstep.debuginfo.elf.ElfFile;
import dev.backstep.debuginfo.elf.ElfSection;
import dev.backstep.debuginfo.elf.SymbolTable;
import dev.backstep.debuginfo.frame.CallFrameParser;
import dev.backstep.debuginfo.frame.CallFrameTable;
import dev.backstep.debuginfo.frame.Fde;
import dev.backstep.debuginfo.frame.Backtrace;
import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.frame.Unwinder;
import dev.backstep.debuginfo.line.LineProgram;
import dev.backstep.debuginfo.line.LineTable;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.debuginfo.model.FunctionStarts;
import dev.backstep.debuginfo.model.ProgramIndex;
import dev.backstep.debuginfo.model.Scope;
import dev.backstep.debuginfo.model.Variable;
import dev.backstep.debuginfo.types.Type;
import dev.backstep.debuginfo.value.Value;
import dev.backstep.debuginfo.value.ValueFormat;
import dev.backstep.debuginfo.value.VariableEvaluator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Debug information of one RV32 ELF: symbols, DWARF 4/5 line tables, compile units and their DIEs, call frame
 * information — all read in pure Java, with no dependency on the machine module.
 *
 * <p>Loading: {@link #load(Path)} or {@link #parse(byte[])}. Section headers, symbols, unit headers with their DIE
 * trees, line programs and CFI are decoded (and so validated) at load time; a malformed file gives a checked
 * {@link ElfFormatException} or {@link DwarfFormatException} whose message names the section and offset. A stripped
 * ELF (or one compiled without {@code -g}) loads fine: {@link #hasDebugInfo()} is false, {@link #symbols()} still
 * works (or is empty), every DWARF query answers "nothing".
 *
 * <p>What the session layer uses:
 * <ul>
 * <li>Symbols: {@code symbols().symbolize(pc)} gives {@code "main+0x1c"}; {@code symbols().functions()/objects()}.</li>
 * <li>Lines: {@code lines().rowAt(pc)} (file, line, column, is_stmt); {@link #breakpointAddresses(String, int)}
 *     for a source breakpoint (path matched by trailing components, so an IDE's absolute path works; a line without
 *     code moves to the next line with code; one address per function or inlined copy);
 *     {@code lines().lineRangeAt(pc)} and {@code lines().isStatementStart(pc)} for line stepping.</li>
 * <li>Functions: {@link #functions()}, {@link #functionsAt(long)} (innermost inlined copy first).</li>
 * <li>Stack: {@link #unwind(RegisterReader, MemoryReader)} gives {@link Frame}s (pc, CFA, functions with inlined
 *     copies, line, registers of that frame) and the reason unwinding stopped.</li>
 * <li>Variables: {@link #scopesAt(long)} (blocks and functions innermost first, then the unit's statics, then
 *     globals), {@link #localsAt(long)}, {@link #globals()}, {@link #global(String)}, {@link #type(String)}.</li>
 * <li>Values: {@link #evaluate(Variable, Frame, MemoryReader, ValueFormat)} gives a {@link Value} tree for DAP
 *     (name, type name, display string, lazily expanded children, address+size for data breakpoints).
 *     A variable without a location at the frame's pc shows {@code <optimized out>}.</li>
 * </ul>
 * Result objects are immutable; one {@code DebugInfo} may be shared between threads.
 */
public final class DebugInfo {
    private static final String[] DEBUG_SECTIONS = {".debug_info", ".debug_abbrev", ".debug_str", ".debug_line_str",
        ".debug_str_offsets", ".debug_addr", ".debug_rnglists", ".debug_ranges", ".debug_loclists", ".debug_loc",
        ".debug_line", ".debug_frame", ".eh_frame"};

    private final ElfFile elf;
    private final DwarfSections sections;
    private final List<CompilationUnit> units;
    private final LineTable lines;
    private final CallFrameTable frames;
    private final ProgramIndex program;
    private final Unwinder unwinder;
    private final VariableEvaluator evaluator;
    private final List<String> missingSplitUnits;
    private final FunctionStarts starts;

    private DebugInfo(ElfFile elf, DwarfSections sections, List<CompilationUnit> units, LineTable lines,
                      CallFrameTable frames, ProgramIndex program, List<String> missingSplitUnits) {
        this.elf = elf;
        this.missingSplitUnits = missingSplitUnits;
        this.sections = sections;
        this.units = units;
        this.lines = lines;
        this.frames = frames;
        this.program = program;
        this.unwinder = new Unwinder(frames, program, lines, elf.symbols(), 256);
        this.evaluator = new VariableEvaluator(program, elf.symbols());
        this.starts = new FunctionStarts(program, lines.programs(), elf.symbols(),
                FunctionStarts.code(elf::loadedBytes));
    }

    /**
     * Reads and parses an ELF file; for a {@code -gsplit-dwarf} build also the .dwo files its skeleton units name
     * (see {@link SplitDwarfFiles#besideExecutable(Path)}).
     */
    public static DebugInfo load(Path elfPath) throws IOException, ElfFormatException, DwarfFormatException {
        return parse(Files.readAllBytes(elfPath), SplitDwarfFiles.besideExecutable(elfPath));
    }

    /** Parses an ELF image held in memory (split DWARF: skeleton units only, no .dwo files are looked for). */
    public static DebugInfo parse(byte[] elfBytes) throws ElfFormatException, DwarfFormatException {
        return parse(elfBytes, SplitDwarfFiles.NONE);
    }

    /** Parses an ELF image held in memory, reading the split units of a -gsplit-dwarf build through {@code dwoFiles}. */
    public static DebugInfo parse(byte[] elfBytes, SplitDwarfFiles dwoFiles) throws ElfFormatException, DwarfFormatException {
        ElfFile elf = ElfFile.parse(elfBytes);
        DwarfSections sections = new DwarfSections();
        for (String name : DEBUG_SECTIONS) {
            var bytes = elf.sectionBytes(name);
            if (bytes.isPresent()) {
                sections.put(name, bytes.get(), elf.section(name).map(ElfSection::address).orElse(0L));
            }
        }
        List<CompilationUnit> units = new ArrayList<>(
                sections.has(".debug_info") ? new UnitParser(sections).parseAll() : List.of());
        SplitUnits split = new SplitUnits(units, sections, dwoFiles, sections.size(".debug_info"));
        units.addAll(split.units);
        List<LineProgram> programs = new ArrayList<>();
        Map<Long, LineProgram> byOffset = new HashMap<>();
        Map<Integer, LineProgram> byUnit = new TreeMap<>();
        for (CompilationUnit cu : units) {
            // a split unit's line table is its skeleton's, in the executable
            CompilationUnit owner = cu.skeleton() != null ? cu.skeleton() : cu;
            var stmt = owner.root().attribute(Dw.AT_STMT_LIST);
            if (stmt != null) {
                LineProgram p = byOffset.get(stmt.value());
                if (p == null) {
                    p = LineProgram.parse(sections, stmt.value(), owner.compDir(), owner.addressSize());
                    byOffset.put(stmt.value(), p);
                    programs.add(p);
                }
                byUnit.put(cu.offset(), p);
            }
        }
        ProgramIndex program = new ProgramIndex(units, byUnit);
        List<Fde> debugFrame = sections.has(".debug_frame")
                ? CallFrameParser.parse(sections.reader(".debug_frame"), 0, 4) : List.of();
        List<Fde> ehFrame = sections.has(".eh_frame")
                ? CallFrameParser.parse(sections.reader(".eh_frame"), sections.address(".eh_frame"), 4) : List.of();
        return new DebugInfo(elf, sections, List.copyOf(units), new LineTable(programs),
                new CallFrameTable(debugFrame, ehFrame), program, List.copyOf(split.missing));
    }

    /**
     * The .dwo files of a -gsplit-dwarf build that could not be read, each with the reason; their units' functions
     * and variables are unknown (line tables still work, they are in the executable). Empty for ordinary builds.
     */
    public List<String> missingSplitUnits() {
        return missingSplitUnits;
    }

    /** True when the file has DWARF compile units (false for a stripped ELF or one built without -g). */
    public boolean hasDebugInfo() {
        return !units.isEmpty();
    }

    public ElfFile elf() {
        return elf;
    }

    /** ELF symbols: functions and objects with sizes, and {@code symbolize(addr)} to "function+0x1c". */
    public SymbolTable symbols() {
        return elf.symbols();
    }

    /**
     * Compile units with their raw DIE trees (for tools and tests; most callers want the model queries): those of
     * .debug_info, then the split units read from .dwo files (see {@link CompilationUnit#skeleton()}).
     */
    public List<CompilationUnit> units() {
        return units;
    }

    /** All line tables: pc to file:line, file:line to addresses, statement starts. */
    public LineTable lines() {
        return lines;
    }

    /** Call frame information from .debug_frame and .eh_frame. */
    public CallFrameTable callFrames() {
        return frames;
    }

    DwarfSections sections() {
        return sections;
    }

    /** The program model (functions, scopes, variables, types) for callers that need more than the façade. */
    public ProgramIndex program() {
        return program;
    }

    /** Concrete functions with code (DWARF subprograms), in unit order. */
    public List<Function> functions() {
        return program.functions();
    }

    /** Functions containing pc, innermost first: inlined copies (each knows its call site), then the real function. */
    public List<Function> functionsAt(long pc) {
        try {
            return program.functionsAt(pc);
        } catch (DwarfFormatException e) {
            return List.of();
        }
    }

    /** Scopes at pc, innermost first: blocks, functions (inlined copies too), the unit's file-level variables, globals. */
    public List<Scope> scopesAt(long pc) {
        try {
            return program.scopesAt(pc);
        } catch (DwarfFormatException e) {
            return List.of(new Scope(Scope.Kind.GLOBALS, "globals", List.of(), program.globals(), null));
        }
    }

    /**
     * Locals and parameters visible at pc in the innermost function (inlined copy included): the blocks from the
     * innermost outwards up to that function; an inner declaration hides an outer one of the same name.
     */
    public List<Variable> localsAt(long pc) {
        List<Variable> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Scope s : scopesAt(pc)) {
            if (s.kind() == Scope.Kind.UNIT || s.kind() == Scope.Kind.GLOBALS) {
                break;
            }
            for (Variable v : s.variables()) {
                if (seen.add(v.name())) {
                    out.add(v);
                }
            }
            if (s.kind() != Scope.Kind.BLOCK) {
                break;
            }
        }
        return out;
    }

    /** Global variables of the whole program (one per name). */
    public List<Variable> globals() {
        return program.globals();
    }

    /** A global or file-static variable by name. */
    public Optional<Variable> global(String name) {
        return program.global(name);
    }

    /** The C type of a function of the program by name ({@code void (int)}), from its DWARF description. */
    public Optional<Type> functionType(String name) {
        for (Function f : program.functions()) {
            if (name.equals(f.name())) {
                return Optional.of(program.types().functionType(program.origin(f.die())));
            }
        }
        return Optional.empty();
    }

    /** A type by name: {@code "int"}, {@code "point_t"}, {@code "struct point"}, {@code "union word"}. */
    public Optional<Type> type(String name) {
        return program.type(name);
    }

    /**
     * Addresses for a source breakpoint: the line (or the next line with code) in the best-matching file, keeping
     * the lowest statement start per function or inlined copy (gdb's choice: a loop header split in two parts stops
     * once per iteration). Empty when no file matches or the file has no code at or after the line.
     */
    public Optional<LineTable.LineMatch> breakpointAddresses(String file, int line) {
        Optional<LineTable.LineMatch> m = lines.addressesFor(file, line);
        if (m.isEmpty()) {
            return m;
        }
        Map<Object, Long> perScope = new java.util.LinkedHashMap<>();
        for (long a : m.get().addresses()) {
            List<Function> fns = functionsAt(a);
            Object key = fns.isEmpty() ? (Object) a : fns.get(0);
            perScope.merge(key, a, Math::min);
        }
        List<Long> addrs = new ArrayList<>(new java.util.TreeSet<>(perScope.values()));
        return Optional.of(new LineTable.LineMatch(m.get().file(), m.get().line(), List.copyOf(addrs)));
    }

    /**
     * Where a breakpoint on a function name stops, by gdb's rules (see {@link FunctionStarts}): after the prologue of
     * each function of that name, where each inlined copy of it begins, or at a code symbol of that name.
     */
    public List<FunctionStarts.Location> functionBreakpoints(String name) {
        return starts.forName(name);
    }

    /** Breakpoint placement by gdb's rules, also where a line step into a function stops. */
    public FunctionStarts functionStarts() {
        return starts;
    }

    /** The unwinder (CFI first, frame-pointer / return-address fallback, clear stop reasons). */
    public Unwinder unwinder() {
        return unwinder;
    }

    /** Unwinds the stack from the given registers. */
    public Backtrace unwind(RegisterReader registers, MemoryReader memory) {
        return unwinder.unwind(registers, memory);
    }

    /** The value tree of a variable in a frame (frame may be null for globals). Never throws: errors are displayed. */
    public Value evaluate(Variable variable, Frame frame, MemoryReader memory, ValueFormat format) {
        return evaluator.evaluate(variable, frame, memory, format);
    }
}
