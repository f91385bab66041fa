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
                    List<Function> functions, Optional<LineRow> line, String symbol, Method method, Frame caller) {
    // symbol: name of the ELF symbol covering lookupPc (no offset), null when none
    /** How this frame's caller state was (or will be) recovered. */
    public enum Method { CFI, FRAME_POINTER, RETURN_ADDRESS, NONE }

    /** A frame whose caller is not known. */
    public Frame(int index, long pc, long lookupPc, OptionalLong cfa, RegisterReader registers,
                 List<Function> functions, Optional<LineRow> line, String symbol, Method method) {
        this(index, pc, lookupPc, cfa, registers, functions, line, symbol, method, null);
    }

    /** The same frame with its caller linked in. */
    public Frame withCaller(Frame outer) {
        return new Frame(index, pc, lookupPc, cfa, registers, functions, line, symbol, method, outer);
    }

    @Override
    public String toString() {
        return "#" + index + " " + name() + " pc=0x" + Long.toHexString(pc) + " (" + method + ")";
    }

    /** Name of the innermost function (DWARF, else ELF symbol, else hex pc). */
    public String name() {
        if (!functions.isEmpty()) {
            return functions.get(0).name();
        }
        return symbol != null ? symbol : "0x" + Long.toHexString(pc);
    }
}
