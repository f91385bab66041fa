package dev.backstep.debuginfo.frame;

import dev.backstep.debuginfo.RegisterReader;
import dev.backstep.debuginfo.line.LineRow;
import dev.backstep.debuginfo.model.Function;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One physical stack frame. {@code pc} is where execution is (frame 0) or returns to (callers);
 * {@code lookupPc} is the pc used for function/line lookups (pc-1 in callers, so a call at the end of a function
 * or before an inlined range still maps to the call's line). {@code functions} are the functions at lookupPc,
 * innermost inlined copy first; a DAP stack trace shows one entry per function. {@code registers} are this frame's
 * registers (unknown ones report {@code available == false}) for evaluating variables. {@code caller} is the next
 * outer frame of the same backtrace (null for the outermost one, or a frame made outside the unwinder): entry values
 * (DW_OP_entry_value) are found through the caller's call site.
 */
public record Frame(int index, long pc, long lookupPc, OptionalLong cfa, RegisterReader registers,
                    List<Function> functions, Optional<LineRow> line, String symbol, Method method, Frame caller,
                    String trap) {
    // symbol: name of the ELF symbol covering lookupPc (no offset), null when none
    // trap: for the frame that stands for a trap between a handler and the code it interrupted, the trap's name
    // ("machine timer interrupt"); null for every other frame
    /** How this frame's caller state was (or will be) recovered; TRAP: the frame stands for a trap. */
    public enum Method { CFI, FRAME_POINTER, RETURN_ADDRESS, NONE, TRAP }

    /** A frame whose caller is not known. */
    public Frame(int index, long pc, long lookupPc, OptionalLong cfa, RegisterReader registers,
                 List<Function> functions, Optional<LineRow> line, String symbol, Method method) {
        this(index, pc, lookupPc, cfa, registers, functions, line, symbol, method, null, null);
    }

    /** A frame of code (not a trap) with its caller. */
    public Frame(int index, long pc, long lookupPc, OptionalLong cfa, RegisterReader registers,
                 List<Function> functions, Optional<LineRow> line, String symbol, Method method, Frame caller) {
        this(index, pc, lookupPc, cfa, registers, functions, line, symbol, method, caller, null);
    }

    /** The same frame with its caller linked in. */
    public Frame withCaller(Frame outer) {
        return new Frame(index, pc, lookupPc, cfa, registers, functions, line, symbol, method, outer, trap);
    }

    /** Whether this frame stands for a trap (its pc is where the interrupted code resumes). */
    public boolean isTrap() {
        return trap != null;
    }

    @Override
    public String toString() {
        return "#" + index + " " + name() + " pc=0x" + Long.toHexString(pc) + " (" + method + ")";
    }

    /**
     * Name of the innermost function (DWARF, else ELF symbol), {@code <machine timer interrupt>} for a trap, or
     * {@code ??} for code nothing names (as gdb shows it).
     */
    public String name() {
        if (trap != null) {
            return "<" + trap + ">";
        }
        if (!functions.isEmpty()) {
            return functions.get(0).name();
        }
        return symbol != null ? symbol : "??";
    }
}
