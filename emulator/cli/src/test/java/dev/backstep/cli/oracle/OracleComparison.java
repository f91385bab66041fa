package dev.backstep.cli.oracle;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.model.Function;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares gdb's answers with Backstep's. A difference is a mismatch (the test fails) unless it is one Backstep makes
 * on purpose, which is listed with its reason:
 * <ul>
 * <li>an inlined copy's breakpoint at its {@code DW_AT_entry_pc} (gdb 13 ignores that attribute and takes the start
 *     of the copy's first range; gdb 16 reads it too);</li>
 * <li>a trap shown as its cause ({@code <environment call from M-mode>}) where gdb shows
 *     {@code <signal handler called>};</li>
 * <li>a variable of an inlined function's block that has no concrete copy holding the pc: gdb lists it as
 *     {@code <optimized out>}, Backstep does not list it;</li>
 * <li>a trap handler's own frame and the trap: gdb shows them as one frame, {@code <signal handler called>};
 *     Backstep shows the handler's frame, then the trap by its cause;</li>
 * <li>a trap handler whose CFI does not mark it as a signal frame (or that has none): gdb unwinds it as if it had
 *     been called, so its frames past the handler are the caller of whatever code the trap interrupted (or
 *     garbage); Backstep shows the trap and the interrupted code at mepc. The frames are compared up to the
 *     handler.</li>
 * </ul>
 */
final class OracleComparison {
    final List<String> mismatches = new ArrayList<>();
    final List<String> deliberate = new ArrayList<>();
    int questions;

    private final String program;
    private final DebugInfo debug;

    OracleComparison(String program, DebugInfo debug) {
        this.program = program;
        this.debug = debug;
    }

    /** Whether a variable of that name in scope at pc has its value as a DW_AT_const_value block. */
    private boolean constBytes(long pc, String name) {
        for (dev.backstep.debuginfo.model.Scope sc : debug.scopesAt(pc)) {
            for (dev.backstep.debuginfo.model.Variable v : sc.variables()) {
                if (name.equals(v.name()) && v.die() != null) {
                    dev.backstep.debuginfo.dwarf.Attribute c =
                            v.die().attribute(dev.backstep.debuginfo.dwarf.Dw.AT_CONST_VALUE);
                    if (c != null && c.isBlock()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    void breakpoints(Answers gdb, Answers backstep) {
        for (Map.Entry<String, List<Long>> e : gdb.breakpoints().entrySet()) {
            questions++;
            String name = e.getKey();
            TreeSet<Long> g = new TreeSet<>(e.getValue());
            TreeSet<Long> b = new TreeSet<>(backstep.breakpoints().getOrDefault(name, List.of()));
            if (g.equals(b)) {
                continue;
            }
            List<String> explained = new ArrayList<>();
            for (Function f : debug.program().inlinedCopies()) {
                long first = f.ranges().isEmpty() ? f.lowPc() : f.ranges().get(0).start();
                if (name.equals(f.name()) && f.entryPc() != 0 && f.entryPc() != first && b.contains(f.entryPc())
                        && g.contains(first)) {
                    b.remove(f.entryPc());
                    g.remove(first);
                    explained.add(String.format("0x%08x (gdb 0x%08x)", f.entryPc(), first));
                }
            }
            if (g.equals(b) && !explained.isEmpty()) {
                deliberate.add(program + ": break " + name + ": inlined copies at their DW_AT_entry_pc "
                        + String.join(", ", explained) + "; gdb 13 takes the start of a copy's first range");
            } else {
                mismatches.add(program + ": break " + name + ": gdb " + hex(e.getValue()) + ", Backstep "
                        + hex(backstep.breakpoints().getOrDefault(name, List.of())));
            }
        }
    }

    void stop(String what, Answers.StopAnswer gdb, Answers.StopAnswer backstep) {
        String where = program + ": stop at " + what;
        questions++;
        if (gdb.error() != null || backstep.error() != null) {
            if (gdb.error() == null || backstep.error() == null) {
                mismatches.add(where + ": gdb " + (gdb.error() != null ? gdb.error() : "stopped") + ", Backstep "
                        + (backstep.error() != null ? backstep.error() : "stopped"));
            }
            return;
        }
        List<Answers.FrameAnswer> g = gdb.frames();
        List<Answers.FrameAnswer> b = backstep.frames();
        int i = 0;
        int j = 0;
        boolean cut = false;
        while (i < g.size() && j < b.size()) {
            Answers.FrameAnswer gf = g.get(i);
            Answers.FrameAnswer bf = b.get(j);
            questions++;
            if (gf.kind().equals("trap") && !bf.kind().equals("trap") && j + 1 < b.size()
                    && b.get(j + 1).kind().equals("trap")) {
                deliberate.add(where + ": frames #" + j + "-" + (j + 1) + " are the trap handler " + bf.name()
                        + " at " + base(bf.file()) + ":" + bf.line() + " and " + b.get(j + 1).name()
                        + " (gdb shows the handler's frame as <signal handler called>)");
                i++;
                j += 2;
                continue;
            }
            if (bf.kind().equals("trap")) {
                deliberate.add(where + ": frame #" + j + " is " + bf.name() + ", then the interrupted code; gdb "
                        + "unwinds " + b.get(j - 1).name() + " as a called function (its CFI does not say it is a "
                        + "trap handler), giving " + gf.name() + " at 0x" + Long.toHexString(gf.pc()));
                cut = true;
                break;
            }
            String at = where + ": frame #" + j + " ";
            same(at + "function", gf.name(), bf.name());
            same(at + "file", base(gf.file()), base(bf.file()));
            same(at + "line", gf.line(), bf.line());
            same(at + "kind", gf.kind(), bf.kind());
            same(at + "pc", hex(gf.pc()), hex(bf.pc()));
            if (gf.values() != null && bf.values() != null) {
                for (String name : new TreeMap<>(union(gf.values(), bf.values())).keySet()) {
                    questions++;
                    if ("<optimized out>".equals(gf.values().get(name)) && !bf.values().containsKey(name)) {
                        deliberate.add(at + name + ": gdb lists it as <optimized out>, Backstep not at all (it is "
                                + "declared in a block of the inlined function whose concrete copy does not hold "
                                + "the pc; gdb adds the variables of abstract blocks without a concrete copy)");
                        continue;
                    }
                    if (!gf.values().containsKey(name) && bf.values().containsKey(name)
                            && constBytes(bf.pc(), name)) {
                        deliberate.add(at + name + ": Backstep lists it (" + bf.values().get(name) + "), gdb's info "
                                + "locals does not: its value is a DW_AT_const_value block (a double constant), which "
                                + "gdb leaves out of info locals (LOC_CONST_BYTES) though print shows it");
                        continue;
                    }
                    same(at + name, gf.values().get(name), bf.values().get(name));
                }
            }
            if (gf.arguments() != null && bf.arguments() != null) {
                questions++;
                same(at + "arguments", gf.arguments(), bf.arguments());
            }
            i++;
            j++;
        }
        if (!cut && i == g.size() && j < b.size() && b.get(j).kind().equals("trap")) {
            deliberate.add(where + ": frame #" + j + " is " + b.get(j).name() + ", then the interrupted code "
                    + names(b.subList(j + 1, b.size())) + "; gdb's backtrace ends at " + b.get(j - 1).name()
                    + " (a trap handler without CFI)");
            cut = true;
        }
        if (!cut && (i != g.size() || j != b.size())) {
            mismatches.add(where + ": gdb shows " + g.size() + " frames " + names(g) + ", Backstep " + b.size() + " "
                    + names(b));
        }
        for (Map.Entry<String, String> e : gdb.prints().entrySet()) {
            questions++;
            same(where + ": print " + e.getKey(), e.getValue(), backstep.prints().get(e.getKey()));
        }
    }

    private void same(String what, Object gdb, Object backstep) {
        if (gdb instanceof String g && backstep instanceof String b && g.startsWith("error: ") && b.startsWith("error: ")) {
            return; // both refuse the question (each in its own words)
        }
        if (!Objects.equals(gdb, backstep)) {
            mismatches.add(what + ": gdb " + gdb + ", Backstep " + backstep);
        }
    }

    private static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new TreeMap<>(a);
        out.putAll(b);
        return out;
    }

    private static List<String> names(List<Answers.FrameAnswer> frames) {
        return frames.stream().map(Answers.FrameAnswer::name).toList();
    }

    private static String base(String path) {
        if (path == null) {
            return null;
        }
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(i + 1);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static String hex(List<Long> vs) {
        return vs.stream().map(OracleComparison::hex).toList().toString();
    }
}
