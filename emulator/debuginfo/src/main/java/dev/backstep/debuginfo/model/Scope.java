package dev.backstep.debuginfo.model;

import dev.backstep.debuginfo.dwarf.AddressRange;

import java.util.List;

/**
 * One lexical level visible at a pc: a block, a function (or inlined copy), the compile unit's statics, or the
 * program's globals. {@code function} is the function the scope belongs to (null for UNIT and GLOBALS).
 */
public record Scope(Kind kind, String name, List<AddressRange> ranges, List<Variable> variables, Function function) {
    public enum Kind { BLOCK, FUNCTION, INLINED_FUNCTION, UNIT, GLOBALS }
}
