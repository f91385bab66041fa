package dev.backstep.debuginfo.value;

import dev.backstep.debuginfo.types.Type;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A typed value ready for a DAP {@code variables} response: {@code name}, {@code typeName} and {@code display}
 * go straight into a Variable; {@link #hasChildren()} says whether it needs a variablesReference, and
 * {@link #children()} expands it (computed on first call, then kept). {@link #address()} and {@link #size()} are
 * set when the value is one contiguous piece of memory (data breakpoints, readMemory).
 */
public final class Value {
    private final String name;
    private final Type type;
    private final String display;
    private final OptionalLong address;
    private final long size;
    private final Supplier<List<Value>> children;
    private final boolean hasChildren;
    private volatile List<Value> expanded;

    public Value(String name, Type type, String display, OptionalLong address, long size, boolean hasChildren,
                 Supplier<List<Value>> children) {
        this.name = name;
        this.type = type;
        this.display = display;
        this.address = address;
        this.size = size;
        this.hasChildren = hasChildren;
        this.children = children;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public String typeName() {
        return type.displayName();
    }

    public String display() {
        return display;
    }

    public OptionalLong address() {
        return address;
    }

    public long size() {
        return size;
    }

    public boolean hasChildren() {
        return hasChildren;
    }

    public List<Value> children() {
        if (!hasChildren) {
            return List.of();
        }
        List<Value> e = expanded;
        if (e == null) {
            e = List.copyOf(children.get());
            expanded = e;
        }
        return e;
    }

    /** The child with a given name ({@code "x"}, {@code "[2]"}, {@code "*p"}), or null. */
    public Value child(String childName) {
        for (Value v : children()) {
            if (v.name.equals(childName)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name + " = " + display + " (" + typeName() + ")";
    }
}
