package dev.backstep.debuginfo.model;

import dev.backstep.debuginfo.dwarf.Die;
import dev.backstep.debuginfo.types.Type;

import java.util.function.Supplier;

/**
 * A variable or parameter as the debugger lists it. {@code die} is the concrete DIE that carries the location
 * (DW_AT_location or DW_AT_const_value); name, type and declaration line may come from its abstract origin.
 * {@code function} is the function (or inlined copy) it belongs to, null for globals and file statics.
 */
public record Variable(String name, Kind kind, Die die, Supplier<Type> typeSupplier, String declFile, int declLine,
                       Function function) {
    public enum Kind { PARAMETER, LOCAL, STATIC_LOCAL, FILE_STATIC, GLOBAL }

    public Type type() {
        return typeSupplier.get();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " " + type().displayName() + " " + name;
    }
}
