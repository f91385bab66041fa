package dev.backstep.session;

/** A requested function breakpoint (stops after the prologue, at the function's first line); see {@link SourceBreakpoint}. */
public record FunctionBreakpoint(String name, String condition, String hitCondition) {
    public static FunctionBreakpoint named(String name) {
        return new FunctionBreakpoint(name, null, null);
    }
}
