package dev.backstep.session;

/**
 * A scope of a frame. {@code variablesReference} is valid until the next execution request.
 *
 * @param expensive DAP's hint to not expand automatically (globals of a big program, CSRs)
 */
public record ScopeInfo(String name, Kind kind, int variablesReference, int namedVariables, boolean expensive) {
    public enum Kind { LOCALS, GLOBALS, REGISTERS, CSRS }
}
