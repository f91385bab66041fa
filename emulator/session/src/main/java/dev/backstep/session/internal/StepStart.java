package dev.backstep.session.internal;

import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.line.LineRow;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.machine.Machine;

import java.util.List;

/**
 * Where a step begins, as line stepping compares it: the frame (by CFA), the innermost function body the user
 * sees, the line's address range, and the stack's frames (whose functions hold the places a step over can end).
 * At the entry of an inlined copy shown as its call site, the body is the caller's and the line the call's.
 */
record StepStart(long icount, long pc, long cfa, String function, Function innermost, long[] range, LineRow row,
                 List<Frame> frames) {

    /** Where the machine is, with its stack unwound; {@code hidden} as in {@link #at(Machine, Program, List, int)}. */
    static StepStart here(Machine m, Program p, int hidden) {
        return at(m, p, p.debug().unwind(Target.registers(m), Target.memory(m)).frames(), hidden);
    }

    /** @param hidden inlined levels beginning at pc that are shown as their call site (not entered yet) */
    static StepStart at(Machine m, Program p, List<Frame> frames, int hidden) {
        long pc = m.hart().pc() & 0xffffffffL;
        List<Function> fns = p.functionsAt(pc);
        int h = Math.min(hidden, Math.max(0, fns.size() - 1));
        if (h == 0) {
            Function f = fns.isEmpty() ? null : fns.get(0);
            return new StepStart(m.icount(), pc, p.cfa(m), Program.key(f), f, p.lineRange(pc), p.row(pc).orElse(null),
                    frames);
        }
        Function f = fns.get(h);
        return new StepStart(m.icount(), pc, p.cfa(m), Program.key(f), f, null, Program.callSite(fns.get(h - 1), pc),
                frames);
    }

    /** Where the innermost starting function sits among the functions at pc: 0 same, &gt;0 deeper inlined, -1 not there. */
    int inlineDepth(Program p, long pc) {
        return function == null ? -1 : p.keysAt(pc).indexOf(function);
    }

    /**
     * Whether pc, in this frame, is where code inlined into the starting function begins (every level between
     * them begins there): a step in this function stops there and shows the call site.
     */
    boolean atCallSite(Program p, long pc) {
        int d = inlineDepth(p, pc);
        return d > 0 && p.inlineEntriesAt(pc) >= d;
    }

    /**
     * How many inlined levels a step from here that stops at pc shows as their call site: those that begin at pc
     * and that the step entered (not those it started in).
     */
    int hiddenAt(Program p, long pc) {
        int entries = p.inlineEntriesAt(pc);
        int d = inlineDepth(p, pc);
        return d >= 0 ? Math.min(entries, d) : entries;
    }

    /**
     * Whether a forward line step from here goes on past pc, a statement start reached with that CFA: the same frame,
     * the same function body (not code inlined into it, unless it begins there with a call on the same line), and
     * still the starting line.
     */
    boolean continuesAt(Program p, long pc, long cfa) {
        if (cfa != this.cfa) {
            return false;
        }
        if (atCallSite(p, pc)) {
            List<Function> fns = p.functionsAt(pc);
            Function outermostInlined = fns.get(inlineDepth(p, pc) - 1);
            return row != null && pc != this.pc && outermostInlined.callLine() == row.line()
                    && outermostInlined.callFile() != null && outermostInlined.callFile().equals(row.file());
        }
        return sameLine(p, pc) && inlineDepth(p, pc) == 0;
    }

    boolean inRange(long pc) {
        return range != null && pc >= range[0] && pc < range[1];
    }

    /**
     * Still on the starting line: inside its address range but not at its first address (a new iteration starts
     * there), or on another piece of code of the same line (a for loop's condition after its initialisation).
     */
    boolean sameLine(Program p, long pc) {
        if (range != null && pc == range[0]) {
            return false;
        }
        if (inRange(pc)) {
            return true;
        }
        LineRow r = p.row(pc).orElse(null);
        return row != null && r != null && r.line() == row.line() && r.file().equals(row.file());
    }
}
