package dev.backstep.session.internal.expr;

import dev.backstep.debuginfo.types.Type;

import java.util.List;

/** Types the expression language makes up: C's int, unsigned, long long, char and pointers to anything. */
public final class Types {
    private Types() {
    }

    public static final Type INT = base("int", 4, Type.ATE_SIGNED);
    public static final Type UNSIGNED = base("unsigned int", 4, Type.ATE_UNSIGNED);
    public static final Type LONG_LONG = base("long long", 8, Type.ATE_SIGNED);
    public static final Type UNSIGNED_LONG_LONG = base("unsigned long long", 8, Type.ATE_UNSIGNED);
    public static final Type CHAR = base("char", 1, Type.ATE_UNSIGNED_CHAR);
    public static final Type SIGNED_CHAR = base("signed char", 1, Type.ATE_SIGNED_CHAR);
    public static final Type UNSIGNED_CHAR = base("unsigned char", 1, Type.ATE_UNSIGNED_CHAR);
    public static final Type SHORT = base("short", 2, Type.ATE_SIGNED);
    public static final Type UNSIGNED_SHORT = base("unsigned short", 2, Type.ATE_UNSIGNED);
    public static final Type BOOL = base("_Bool", 1, Type.ATE_BOOLEAN);
    public static final Type FLOAT = base("float", 4, Type.ATE_FLOAT);
    public static final Type DOUBLE = base("double", 8, Type.ATE_FLOAT);

    public static Type base(String name, long size, int encoding) {
        return new Type(Type.Kind.BASE, name, size, encoding, null, null, null, null, null, -1);
    }

    public static Type pointerTo(Type target) {
        return new Type(Type.Kind.POINTER, null, 4, 0, () -> target, null, null, null, null, -1);
    }

    public static Type arrayOf(Type elem, long count) {
        return new Type(Type.Kind.ARRAY, null, 0, 0, () -> elem, null, List.of(count), null, null, -1);
    }

    /** C's built-in names (the debug info may not mention them, or spell them differently). */
    public static Type builtin(String name) {
        switch (name.replaceAll("\\s+", " ").trim()) {
            case "int": case "signed": case "signed int": case "long": case "long int": case "signed long":
            case "int32_t":
                return INT;
            case "unsigned": case "unsigned int": case "unsigned long": case "long unsigned int": case "uint32_t":
            case "size_t": case "uintptr_t":
                return UNSIGNED;
            case "long long": case "long long int": case "int64_t":
                return LONG_LONG;
            case "unsigned long long": case "long long unsigned int": case "uint64_t":
                return UNSIGNED_LONG_LONG;
            case "char":
                return CHAR;
            case "signed char": case "int8_t":
                return SIGNED_CHAR;
            case "unsigned char": case "uint8_t":
                return UNSIGNED_CHAR;
            case "short": case "short int": case "int16_t":
                return SHORT;
            case "unsigned short": case "short unsigned int": case "uint16_t":
                return UNSIGNED_SHORT;
            case "_Bool": case "bool":
                return BOOL;
            case "void":
                return Type.VOID;
            default:
                return null;
        }
    }

    public static boolean isSigned(Type t) {
        Type r = t.resolved();
        if (r.kind() == Type.Kind.ENUM) {
            return true;
        }
        return r.kind() == Type.Kind.BASE && (r.encoding() == Type.ATE_SIGNED || r.encoding() == Type.ATE_SIGNED_CHAR);
    }

    public static boolean isPointerLike(Type t) {
        Type.Kind k = t.resolved().kind();
        return k == Type.Kind.POINTER || k == Type.Kind.ARRAY;
    }

    public static boolean isScalar(Type t) {
        Type.Kind k = t.resolved().kind();
        return k == Type.Kind.BASE || k == Type.Kind.ENUM || k == Type.Kind.POINTER;
    }

    /** What a pointer or array points at (arrays: the element, sub-arrays for more dimensions). */
    public static Type pointee(Type t) {
        Type r = t.resolved();
        return r.kind() == Type.Kind.ARRAY ? r.elementType() : r.target();
    }
}
