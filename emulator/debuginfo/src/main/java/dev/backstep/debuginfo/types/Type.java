package dev.backstep.debuginfo.types;

import java.util.List;
import java.util.function.Supplier;

/**
 * A C type from DWARF. One class for all kinds keeps the value formatter a single switch; what a kind uses:
 * BASE (name, size, encoding), POINTER/CONST/VOLATILE/TYPEDEF (target), STRUCT/UNION (members),
 * ARRAY (target = element, dimensions), ENUM (enumerators, size), FUNCTION (target = return type, parameters), VOID.
 * Targets and members resolve lazily so recursive types ({@code struct shape *next}) are fine.
 */
public final class Type {
    public enum Kind { VOID, BASE, POINTER, CONST, VOLATILE, TYPEDEF, STRUCT, UNION, ARRAY, ENUM, FUNCTION }

    /** DW_ATE_* encodings of base types. */
    public static final int ATE_ADDRESS = 1;
    public static final int ATE_BOOLEAN = 2;
    public static final int ATE_FLOAT = 4;
    public static final int ATE_SIGNED = 5;
    public static final int ATE_SIGNED_CHAR = 6;
    public static final int ATE_UNSIGNED = 7;
    public static final int ATE_UNSIGNED_CHAR = 8;
    public static final int ATE_UTF = 0x10;

    public record Member(String name, Supplier<Type> typeSupplier, long byteOffset, int bitSize, long bitOffset) {
        public Type type() {
            return typeSupplier.get();
        }

        public boolean isBitfield() {
            return bitSize > 0;
        }
    }

    public record Enumerator(String name, long value) {
    }

    private final Kind kind;
    private final String name;
    private final long byteSize;
    private final int encoding;
    private final Supplier<Type> target;
    private final Supplier<List<Member>> members;
    private final List<Long> dimensions;
    private final List<Enumerator> enumerators;
    private final Supplier<List<Type>> parameters;
    private final int dieOffset;

    public Type(Kind kind, String name, long byteSize, int encoding, Supplier<Type> target,
                Supplier<List<Member>> members, List<Long> dimensions, List<Enumerator> enumerators,
                Supplier<List<Type>> parameters, int dieOffset) {
        this.kind = kind;
        this.name = name;
        this.byteSize = byteSize;
        this.encoding = encoding;
        this.target = target;
        this.members = members;
        this.dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        this.enumerators = enumerators == null ? List.of() : List.copyOf(enumerators);
        this.parameters = parameters;
        this.dieOffset = dieOffset;
    }

    public static final Type VOID = new Type(Kind.VOID, "void", 0, 0, null, null, null, null, null, -1);

    /** Stands last in a function type's parameters when it takes more ({@code int (const char *, ...)}). */
    public static final Type VARARGS = new Type(Kind.VOID, "...", 0, 0, null, null, null, null, null, -1);

    public Kind kind() {
        return kind;
    }

    /** The declared name (null for anonymous types and for pointers/arrays/qualifiers). */
    public String name() {
        return name;
    }

    public int encoding() {
        return encoding;
    }

    public int dieOffset() {
        return dieOffset;
    }

    public Type target() {
        Type t = target == null ? null : target.get();
        return t == null ? VOID : t;
    }

    public List<Member> members() {
        return members == null ? List.of() : members.get();
    }

    /** Element counts per dimension, outermost first; -1 for an unknown bound ({@code int a[]}). */
    public List<Long> dimensions() {
        return dimensions;
    }

    public List<Enumerator> enumerators() {
        return enumerators;
    }

    public List<Type> parameters() {
        return parameters == null ? List.of() : parameters.get();
    }

    /** Typedefs and qualifiers stripped. */
    public Type resolved() {
        Type t = this;
        int guard = 0;
        while ((t.kind == Kind.TYPEDEF || t.kind == Kind.CONST || t.kind == Kind.VOLATILE) && guard++ < 64) {
            t = t.target();
        }
        return t;
    }

    /** Size in bytes (arrays: element size times counts; qualifiers and typedefs: their target's). */
    public long size() {
        switch (kind) {
            case TYPEDEF: case CONST: case VOLATILE:
                return target().size();
            case ARRAY: {
                long n = target().size();
                for (long d : dimensions) {
                    n *= Math.max(d, 0);
                }
                return n;
            }
            case POINTER:
                return byteSize == 0 ? 4 : byteSize;
            default:
                return byteSize;
        }
    }

    /** The type of one element of an array with its first dimension removed (a sub-array for multi-dim ones). */
    public Type elementType() {
        if (kind != Kind.ARRAY || dimensions.size() <= 1) {
            return target();
        }
        return new Type(Kind.ARRAY, null, 0, 0, target, null, dimensions.subList(1, dimensions.size()), null, null,
                dieOffset);
    }

    /** The C spelling: {@code int}, {@code struct point}, {@code const char *}, {@code int (*)(int, int)}, {@code short [2][3]}. */
    public String displayName() {
        return TypeNames.of(this);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
