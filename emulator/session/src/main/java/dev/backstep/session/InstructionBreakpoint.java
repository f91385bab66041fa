package dev.backstep.session;

/** A requested instruction breakpoint at a code address; see {@link SourceBreakpoint} for the conditions. */
public record InstructionBreakpoint(long address, String condition, String hitCondition) {
    public static InstructionBreakpoint at(long address) {
        return new InstructionBreakpoint(address, null, null);
    }
}
