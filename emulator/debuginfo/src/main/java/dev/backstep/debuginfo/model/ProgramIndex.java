package dev.backstep.debuginfo.model;

import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.dwarf.AddressRange;
import dev.backstep.debuginfo.dwarf.Attribute;
import dev.backstep.debuginfo.dwarf.CompilationUnit;
import dev.backstep.debuginfo.dwarf.Die;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.line.LineProgram;
import dev.backstep.debuginfo.types.Type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The program model over the DIE trees: functions by address (with inlined copies), scopes and variables at a pc,
 * globals and types by name.
 */
public final class ProgramIndex {
    private record RangeEntry(AddressRange range, Function function) {
    }

    private final Map<Integer, Die> dies = new HashMap<>();
    private final Map<Integer, LineProgram> linePrograms;
    private final TypeResolver types;
    private final List<CompilationUnit> units;
    private final List<Function> functions = new ArrayList<>();
    private final List<Function> inlinedCopies = new ArrayList<>();
    private final Map<Integer, Function> functionsByDie = new HashMap<>();
    private final List<RangeEntry> byAddress = new ArrayList<>();
    private final Map<String, Variable> globals = new LinkedHashMap<>();
    private final Map<CompilationUnit, List<Variable>> unitVariables = new LinkedHashMap<>();
    private final Map<String, Integer> typesByName = new HashMap<>();
    /** Complete struct/union/enum/class definitions by "struct name" (file-level ones, in unit order). */
    private final Map<String, List<Die>> definitions = new HashMap<>();

    /** {@code linePrograms} maps a unit's offset to its line program (for decl_file names). */
    public ProgramIndex(List<CompilationUnit> units, Map<Integer, LineProgram> linePrograms) throws DwarfFormatException {
        this.linePrograms = linePrograms;
        this.units = List.copyOf(units);
        for (CompilationUnit cu : units) {
            indexDies(cu.root());
        }
        this.types = new TypeResolver(dies, this::definitionOf);
        for (CompilationUnit cu : units) {
            List<Variable> vars = new ArrayList<>();
            for (Die d : cu.root().children()) {
                visitTop(d, vars);
            }
            unitVariables.put(cu, List.copyOf(vars));
            for (Variable v : vars) {
                if (v.kind() == Variable.Kind.GLOBAL) {
                    Variable prev = globals.get(v.name());
                    if (prev == null || (!hasLocation(prev.die()) && hasLocation(v.die()))) {
                        globals.put(v.name(), v);
                    }
                }
            }
        }
        byAddress.sort(Comparator.comparingLong((RangeEntry e) -> e.range().start()));
    }

    private void indexDies(Die d) {
        dies.put(d.offset(), d);
        for (Die c : d.children()) {
            indexDies(c);
        }
    }

    private void visitTop(Die d, List<Variable> vars) throws DwarfFormatException {
        switch (d.tag()) {
            case Dw.TAG_SUBPROGRAM: {
                List<AddressRange> ranges = d.unit().ranges(d);
                if (!ranges.isEmpty() && !d.flag(Dw.AT_DECLARATION)) {
                    Function f = function(d, ranges, null);
                    functions.add(f);
                    indexInlined(d, f);
                }
                break;
            }
            case Dw.TAG_VARIABLE: {
                Die decl = origin(d);
                boolean external = d.flag(Dw.AT_EXTERNAL) || decl.flag(Dw.AT_EXTERNAL);
                String name = TypeResolver.name(decl);
                if (name != null) {
                    vars.add(variable(d, external ? Variable.Kind.GLOBAL : Variable.Kind.FILE_STATIC, null));
                }
                break;
            }
            case Dw.TAG_BASE_TYPE: case Dw.TAG_STRUCTURE_TYPE: case Dw.TAG_UNION_TYPE: case Dw.TAG_ENUMERATION_TYPE:
            case Dw.TAG_TYPEDEF: case Dw.TAG_CLASS_TYPE: {
                String name = TypeResolver.name(d);
                if (name != null && !d.flag(Dw.AT_DECLARATION)) {
                    String key = tagKey(d.tag(), name);
                    typesByName.putIfAbsent(key, d.offset());
                    typesByName.putIfAbsent(name, d.offset());
                    if (d.tag() != Dw.TAG_BASE_TYPE && d.tag() != Dw.TAG_TYPEDEF) {
                        definitions.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
                    }
                }
                break;
            }
            default:
                break;
        }
    }

    private static String tagKey(int tag, String name) {
        return tag == Dw.TAG_STRUCTURE_TYPE ? "struct " + name
                : tag == Dw.TAG_CLASS_TYPE ? "class " + name
                : tag == Dw.TAG_UNION_TYPE ? "union " + name
                : tag == Dw.TAG_ENUMERATION_TYPE ? "enum " + name : name;
    }

    /**
     * The definition a type declaration ({@code DW_AT_declaration}, an opaque {@code struct queue}) stands for, found
     * by name as gdb does: the declaring unit's own definition first, then the first in the program; null if none.
     */
    private Die definitionOf(Die declaration) {
        String name = TypeResolver.name(declaration);
        if (name == null) {
            return null;
        }
        List<Die> found = definitions.get(tagKey(declaration.tag(), name));
        if (found == null || found.isEmpty()) {
            return null;
        }
        for (Die d : found) {
            if (d.unit() == declaration.unit()) {
                return d;
            }
        }
        return found.get(0);
    }

    private void indexInlined(Die d, Function owner) throws DwarfFormatException {
        for (Die c : d.children()) {
            Function next = owner;
            if (c.tag() == Dw.TAG_INLINED_SUBROUTINE) {
                List<AddressRange> ranges = c.unit().ranges(c);
                next = function(c, ranges, owner);
                if (!ranges.isEmpty()) {
                    inlinedCopies.add(next);
                }
            }
            indexInlined(c, next);
        }
    }

    private Function function(Die d, List<AddressRange> ranges, Function caller) throws DwarfFormatException {
        Die decl = origin(d);
        String name = TypeResolver.name(decl);
        boolean inlined = d.tag() == Dw.TAG_INLINED_SUBROUTINE;
        String callFile = inlined ? fileName(d.unit(), (int) TypeResolver.number(d, Dw.AT_CALL_FILE, -1)) : null;
        Attribute entry = d.attribute(Dw.AT_ENTRY_PC);
        long firstRange = ranges.isEmpty() ? 0 : ranges.get(0).start();
        long entryPc = entry != null && !entry.isConstant() ? d.unit().address(entry) : firstRange;
        if (entry != null && entry.isConstant() && !ranges.isEmpty()) {
            entryPc = ranges.stream().mapToLong(AddressRange::start).min().getAsLong() + entry.value();
        }
        long named = entryPc;
        if (!ranges.isEmpty() && ranges.stream().noneMatch(r -> r.contains(named))) {
            entryPc = firstRange; // gcc may name the start of an empty range: no code of the copy is there
        }
        Function f = new Function(name == null ? "<anonymous>" : name, d, List.copyOf(ranges), inlined, caller,
                fileName(decl.unit(), (int) TypeResolver.number(decl, Dw.AT_DECL_FILE, -1)),
                (int) TypeResolver.number(decl, Dw.AT_DECL_LINE, 0), callFile,
                (int) TypeResolver.number(d, Dw.AT_CALL_LINE, 0), (int) TypeResolver.number(d, Dw.AT_CALL_COLUMN, 0),
                entryPc);
        functionsByDie.put(d.offset(), f);
        if (!inlined) {
            for (AddressRange r : ranges) {
                byAddress.add(new RangeEntry(r, f));
            }
        }
        return f;
    }

    /** The DIE that carries a DIE's name and type: itself, or its abstract origin / specification (followed). */
    public Die origin(Die d) {
        Die cur = d;
        for (int i = 0; i < 8; i++) {
            Attribute a = cur.attribute(Dw.AT_ABSTRACT_ORIGIN);
            if (a == null) {
                a = cur.attribute(Dw.AT_SPECIFICATION);
            }
            if (a == null || cur.has(Dw.AT_NAME)) {
                return cur;
            }
            Die next = dies.get((int) a.value());
            if (next == null) {
                return cur;
            }
            cur = next;
        }
        return cur;
    }

    private Variable variable(Die d, Variable.Kind kind, Function f) {
        Die decl = origin(d);
        String name = TypeResolver.name(decl);
        return new Variable(name == null ? "<anonymous>" : name, kind, d, TypeResolver.memo(() -> types.typeOf(decl)),
                fileName(decl.unit(), (int) TypeResolver.number(decl, Dw.AT_DECL_FILE, -1)),
                (int) TypeResolver.number(decl, Dw.AT_DECL_LINE, 0), f);
    }

    private static boolean hasLocation(Die d) {
        return d.has(Dw.AT_LOCATION) || d.has(Dw.AT_CONST_VALUE);
    }

    /** The file a decl_file/call_file index names in a unit's line table. */
    public String fileName(CompilationUnit cu, int index) {
        LineProgram p = linePrograms.get(cu.offset());
        if (p == null || index < 0 || index >= p.files().size()) {
            return null;
        }
        return p.files().get(index);
    }

    /** The compile units, in the order of the debug info. */
    public List<CompilationUnit> units() {
        return units;
    }

    /** The line program of a unit (a split unit's is its skeleton's), or null. */
    public LineProgram lineProgram(CompilationUnit cu) {
        return linePrograms.get(cu.offset());
    }

    /** Every inlined copy with code, in unit order. */
    public List<Function> inlinedCopies() {
        return List.copyOf(inlinedCopies);
    }

    public Die die(int offset) {
        return dies.get(offset);
    }

    public TypeResolver types() {
        return types;
    }

    /** Concrete functions (with code), in unit order. */
    public List<Function> functions() {
        return List.copyOf(functions);
    }

    public Optional<Function> functionByName(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The concrete function whose code contains pc. */
    public Optional<Function> concreteFunctionAt(long pc) {
        int lo = 0;
        int hi = byAddress.size() - 1;
        int idx = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (byAddress.get(mid).range().start() <= pc) {
                idx = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (int i = idx; i >= 0 && i > idx - 64; i--) {
            if (byAddress.get(i).range().contains(pc)) {
                return Optional.of(byAddress.get(i).function());
            }
        }
        return Optional.empty();
    }

    /** DIEs from the concrete function down to the innermost block or inlined copy containing pc, outermost first. */
    private List<Die> dieChain(Function f, long pc) throws DwarfFormatException {
        List<Die> chain = new ArrayList<>();
        Die cur = f.die();
        chain.add(cur);
        outer:
        while (true) {
            for (Die c : cur.children()) {
                if (c.tag() == Dw.TAG_LEXICAL_BLOCK || c.tag() == Dw.TAG_INLINED_SUBROUTINE) {
                    List<AddressRange> rs = c.unit().ranges(c);
                    for (AddressRange r : rs) {
                        if (r.contains(pc)) {
                            chain.add(c);
                            cur = c;
                            continue outer;
                        }
                    }
                    if (rs.isEmpty() && c.tag() == Dw.TAG_LEXICAL_BLOCK) {
                        // a block without ranges only groups declarations; look inside it
                        chain.add(c);
                        cur = c;
                        continue outer;
                    }
                }
            }
            return chain;
        }
    }

    /** The functions at pc, innermost first: inlined copies, then the concrete function. Empty outside any. */
    public List<Function> functionsAt(long pc) throws DwarfFormatException {
        Optional<Function> f = concreteFunctionAt(pc);
        if (f.isEmpty()) {
            return List.of();
        }
        List<Function> out = new ArrayList<>();
        for (Die d : dieChain(f.get(), pc)) {
            Function fn = functionsByDie.get(d.offset());
            if (fn != null) {
                out.add(0, fn);
            }
        }
        return out;
    }

    /**
     * Scopes visible at pc, innermost first: blocks and functions (inlined copies included, each followed by the
     * blocks of its caller), then the unit's file-level variables, then the program's globals.
     */
    public List<Scope> scopesAt(long pc) throws DwarfFormatException {
        List<Scope> out = new ArrayList<>();
        Optional<Function> f = concreteFunctionAt(pc);
        CompilationUnit cu = null;
        if (f.isPresent()) {
            cu = f.get().die().unit();
            List<Die> chain = dieChain(f.get(), pc);
            Function owner = null;
            List<Function> owners = new ArrayList<>();
            for (Die d : chain) {
                Function fn = functionsByDie.get(d.offset());
                if (fn != null) {
                    owner = fn;
                }
                owners.add(owner);
            }
            for (int i = chain.size() - 1; i >= 0; i--) {
                Die d = chain.get(i);
                Function fn = owners.get(i);
                List<Variable> vars = new ArrayList<>();
                for (Die c : d.children()) {
                    if (c.tag() == Dw.TAG_FORMAL_PARAMETER) {
                        vars.add(variable(c, Variable.Kind.PARAMETER, fn));
                    } else if (c.tag() == Dw.TAG_VARIABLE) {
                        Attribute loc = c.attribute(Dw.AT_LOCATION);
                        boolean isStatic = loc != null && loc.isBlock() && loc.block().length > 0
                                && (loc.block()[0] & 0xff) == Dw.OP_ADDR;
                        vars.add(variable(c, isStatic ? Variable.Kind.STATIC_LOCAL : Variable.Kind.LOCAL, fn));
                    }
                }
                Scope.Kind kind = d.tag() == Dw.TAG_SUBPROGRAM ? Scope.Kind.FUNCTION
                        : d.tag() == Dw.TAG_INLINED_SUBROUTINE ? Scope.Kind.INLINED_FUNCTION : Scope.Kind.BLOCK;
                out.add(new Scope(kind, kind == Scope.Kind.BLOCK ? "block" : fn.name(), d.unit().ranges(d),
                        List.copyOf(vars), fn));
            }
        }
        if (cu != null) {
            out.add(new Scope(Scope.Kind.UNIT, cu.name(), List.of(), unitVariables.getOrDefault(cu, List.of()), null));
        }
        out.add(new Scope(Scope.Kind.GLOBALS, "globals", List.of(), globals(), null));
        return out;
    }

    /** Global (external) variables of all units, one per name, definitions preferred over declarations. */
    public List<Variable> globals() {
        return List.copyOf(globals.values());
    }

    /** File-level variables of every unit (statics and globals), for "static" scopes. */
    public List<Variable> fileVariables() {
        List<Variable> out = new ArrayList<>();
        unitVariables.values().forEach(out::addAll);
        return out;
    }

    public Optional<Variable> global(String name) {
        Variable v = globals.get(name);
        if (v != null) {
            return Optional.of(v);
        }
        return fileVariables().stream().filter(x -> x.name().equals(name)).findFirst();
    }

    /** A named type: {@code "int"}, {@code "point_t"}, {@code "struct point"}, {@code "enum color"}. */
    public Optional<Type> type(String name) {
        Integer off = typesByName.get(name.trim());
        return off == null ? Optional.empty() : Optional.of(types.typeAt(off));
    }

    /** The concrete subprogram DIE whose DW_AT_frame_base applies to code of this function. */
    public Die frameDie(Function f) {
        return f.frameFunction().die();
    }

    /** Call-site DIEs (DW_TAG_call_site / GNU_call_site) directly inside a function's tree. */
    public List<Die> callSites(Function f) {
        List<Die> out = new ArrayList<>();
        collectCallSites(f.die(), out);
        return out;
    }

    private static void collectCallSites(Die d, List<Die> out) {
        for (Die c : d.children()) {
            if (c.tag() == Dw.TAG_CALL_SITE || c.tag() == Dw.TAG_GNU_CALL_SITE) {
                out.add(c);
            } else {
                collectCallSites(c, out);
            }
        }
    }
}
