package dev.backstep.session.internal;

import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.line.LineRow;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.machine.Machine;

import java.util.List;

/**
 * Where a step begins, as line stepping compares it: the frame (by CFA), the innermost function body, the line's
 * address range, and the stack's frames (whose functions hold the places a step over can end).
 */
record StepStart(long icount, long pc, long cfa, String function, Function innermost, long[] range, LineRow row,
                 List<Frame> frames) {

    static StepStart at(Machine m, Program p, List<Frame> frames) {
        long pc = m.hart().pc() & 0xffffffffL;
        Function f = p.innermost(pc);
        return new StepStart(m.icount(), pc, p.cfa(m), Program.key(f), f, p.lineRange(pc), p.row(pc).orElse(null), frames);
    }

    /** Where the innermost starting function sits among the functions at pc: 0 same, &gt;0 deeper inlined, -1 not there. */
    int inlineDepth(Program p, long pc) {
        return function == null ? -1 : p.keysAt(pc).indexOf(function);
    }

    /**
     * Whether a forward line step from here goes on past pc, a statement start reached with that CFA: the same frame,
     * the same function body (not code inlined into it), and still the starting line.
     */
    boolean continuesAt(Program p, long pc, long cfa) {
        return cfa == this.cfa && sameLine(p, pc) && inlineDepth(p, pc) == 0;
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
