package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.dwarf.AddressRange;
import dev.backstep.debuginfo.frame.CfaRule;
import dev.backstep.debuginfo.line.LineRow;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.machine.Machine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The questions line stepping asks about code, answered from the debug info and cached: statement starts per
 * function, the frame identity (CFA) at a machine state, prologue entries, line ranges.
 */
final class Program {
    private final DebugInfo debug;
    private final Map<Long, int[]> stmtStartsByFunction = new HashMap<>();
    private final Map<Long, Boolean> prologueEntries = new HashMap<>();
    private final Map<Long, int[]> stmtStartsBySequence = new HashMap<>();
    private int[] allStmtStarts;
    private int[] functionStarts;
    /*
     * Per-pc answers: line steps ask them at every candidate hit of a scan (millions in hot code), and the debug
     * info answers by walking FDE and DIE lists. Bounded by the size of the code.
     */
    private final Map<Long, Optional<CfaRule>> cfaRules = new HashMap<>();
    private final Map<Long, List<Function>> functionsAt = new HashMap<>();
    private final Map<Long, int[]> inlineEntriesByFunction = new HashMap<>();
    private final Map<Long, List<String>> keysAt = new HashMap<>();
    private final Map<Long, Integer> inlineEntries = new HashMap<>();

    Program(DebugInfo debug) {
        this.debug = debug;
    }

    DebugInfo debug() {
        return debug;
    }

    /**
     * The canonical frame address of the innermost physical frame: the stack pointer at its function's entry.
     * Outer frames have larger CFAs; a recursive call's frame a smaller one. Without CFI, the stack pointer.
     */
    long cfa(Machine m) {
        long pc = m.hart().pc() & 0xffffffffL;
        long sp = m.hart().x(2) & 0xffffffffL;
        Optional<CfaRule> found = cfaRules.computeIfAbsent(pc, k -> debug.callFrames().fdeFor(k).map(f -> f.rowAt(k).cfa()));
        if (found.isEmpty()) {
            return sp;
        }
        CfaRule rule = found.get();
        if (rule.isExpression() || rule.register() < 0 || rule.register() >= 32) {
            return sp;
        }
        return ((m.hart().x(rule.register()) & 0xffffffffL) + rule.offset()) & 0xffffffffL;
    }

    /** Functions containing pc, innermost first (see {@link DebugInfo#functionsAt(long)}). */
    List<Function> functionsAt(long pc) {
        return functionsAt.computeIfAbsent(pc, debug::functionsAt);
    }

    /** Innermost function (inlined copy included) at pc, or null. */
    Function innermost(long pc) {
        List<Function> fns = functionsAt(pc);
        return fns.isEmpty() ? null : fns.get(0);
    }

    /** The concrete (frame-owning) function at pc, or null. */
    Function concrete(long pc) {
        List<Function> fns = functionsAt(pc);
        return fns.isEmpty() ? null : fns.get(fns.size() - 1).frameFunction();
    }

    /** Identity of a function body (a concrete function or one inlined copy) that survives re-lookups. */
    static String key(Function f) {
        return f == null ? null : f.die().offset() + "@" + f.lowPc();
    }

    /** Keys of the functions at pc, innermost first. */
    List<String> keysAt(long pc) {
        return keysAt.computeIfAbsent(pc, k -> {
            List<String> out = new ArrayList<>();
            for (Function f : functionsAt(k)) {
                out.add(key(f));
            }
            return List.copyOf(out);
        });
    }

    /** Where an inlined copy begins: its entry pc when the DWARF gives one, else its lowest address. */
    static long entryOf(Function f) {
        // GCC may give an inlined copy an entry_pc outside its own ranges (with location views: the caller's first
        // instruction, where the copy's first line has a zero-length row); like gdb, the copy then begins where its
        // code does
        if (f.isInlined() && f.entryPc() != 0 && (f.ranges().isEmpty() || f.contains(f.entryPc()))) {
            return f.entryPc();
        }
        return f.lowPc();
    }

    /**
     * How many of the innermost functions at pc are inlined copies that begin exactly there. A debugger shows such
     * a place as the call site in the caller first (gdb does), and a step into goes in one level at a time.
     */
    int inlineEntriesAt(long pc) {
        return inlineEntries.computeIfAbsent(pc, k -> {
            int n = 0;
            for (Function f : functionsAt(k)) {
                if (!f.isInlined() || entryOf(f) != k) {
                    break;
                }
                n++;
            }
            return n;
        });
    }

    /**
     * Addresses of the instructions of a concrete function outside one inlined copy in it (lengths read from the
     * code in memory: 2 bytes for compressed instructions, else 4).
     */
    int[] instructionsOutside(Function concrete, Function copy, dev.backstep.machine.MemoryView code) {
        TreeSet<Long> set = new TreeSet<>();
        for (AddressRange r : concrete.ranges()) {
            long a = r.start();
            while (a < r.end()) {
                if (!copy.contains(a)) {
                    set.add(a);
                }
                a += (code.read16((int) a) & 3) == 3 ? 4 : 2;
            }
        }
        return toInts(set);
    }

    /** The row an inlined copy's call site stands for at pc: the caller's file and line of the call. */
    static LineRow callSite(Function inlined, long pc) {
        return new LineRow(pc, inlined.callFile(), inlined.callLine(), inlined.callColumn(), true, false, false, false, 0);
    }

    Optional<LineRow> row(long pc) {
        return debug.lines().rowAt(pc);
    }

    boolean hasLine(long pc) {
        return row(pc).map(r -> r.line() > 0).orElse(false);
    }

    boolean isStatementStart(long pc) {
        return debug.lines().isStatementStart(pc);
    }

    /** [start, end) of the source line at pc, or null without line info. */
    long[] lineRange(long pc) {
        return debug.lines().lineRangeAt(pc).orElse(null);
    }

    /**
     * Where the copies inlined into a concrete function begin (their code's first instruction, shown as the call
     * site), whether or not the line table has a statement start there: a step back over an inlined call stops there,
     * as gdb's reverse-next does.
     */
    int[] inlineEntries(Function f) {
        return inlineEntriesByFunction.computeIfAbsent(f.lowPc(), k -> {
            TreeSet<Long> set = new TreeSet<>();
            for (Function g : debug.program().inlinedCopies()) {
                long e = entryOf(g);
                if (g.frameFunction().lowPc() == f.lowPc() && f.contains(e) && g.contains(e)) {
                    set.add(e);
                }
            }
            return toInts(set);
        });
    }

    /** Statement starts inside a concrete function's code. */
    int[] statementStarts(Function f) {
        return stmtStartsByFunction.computeIfAbsent(f.lowPc(), k -> {
            TreeSet<Long> set = new TreeSet<>();
            for (AddressRange r : f.ranges()) {
                set.addAll(debug.lines().statementStarts(r.start(), r.end()));
            }
            return toInts(set);
        });
    }

    /** Statement starts of the line sequence holding pc (code without DWARF functions: assembly); empty if none. */
    int[] sequenceStatementStarts(long pc) {
        for (dev.backstep.debuginfo.line.LineSequence q : debug.lines().sequences()) {
            if (q.contains(pc)) {
                return stmtStartsBySequence.computeIfAbsent(q.start(),
                        k -> toInts(new TreeSet<>(debug.lines().statementStarts(q.start(), q.end()))));
            }
        }
        return new int[0];
    }

    /** Every statement start of the program. */
    int[] allStatementStarts() {
        if (allStmtStarts == null) {
            TreeSet<Long> set = new TreeSet<>(debug.lines().statementStarts(0, 1L << 32));
            allStmtStarts = toInts(set);
        }
        return allStmtStarts;
    }

    /**
     * Whether pc lies in a concrete function's prologue: from its entry up to where a breakpoint on its name goes
     * (gdb's placement, {@link dev.backstep.debuginfo.model.FunctionStarts}). Line steps into a function go past
     * it, to that place; in optimised code that is the entry itself, so nothing is skipped (a shrink-wrapped
     * function that returns before its frame is set up is still stepped into).
     */
    boolean inPrologue(long pc) {
        return prologueEntries.computeIfAbsent(pc, k -> {
            Function f = concrete(pc);
            if (f == null) {
                return false;
            }
            long entry = f.ranges().isEmpty() ? f.lowPc() : f.ranges().get(0).start();
            return pc >= entry && pc < afterPrologue(f);
        });
    }

    /** Where a function breakpoint on this function goes, and where a line step into it stops. */
    long afterPrologue(Function f) {
        if (f.isInlined()) {
            return entryOf(f);
        }
        return debug.functionStarts().afterPrologue(f);
    }

    /** Where line steps into any function stop: each concrete function's {@link #afterPrologue}. */
    int[] functionStarts() {
        if (functionStarts == null) {
            TreeSet<Long> set = new TreeSet<>();
            for (Function f : debug.functions()) {
                set.add(afterPrologue(f));
            }
            functionStarts = toInts(set);
        }
        return functionStarts;
    }

    private static int[] toInts(TreeSet<Long> set) {
        int[] out = new int[set.size()];
        int i = 0;
        for (long a : set) {
            out[i++] = (int) a;
        }
        return out;
    }
}
