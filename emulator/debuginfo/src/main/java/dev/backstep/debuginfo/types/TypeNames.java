package dev.backstep.debuginfo.types;

import java.util.ArrayList;
import java.util.List;

/**
 * C spellings of types as gdb writes them, declarator syntax included (pointers to arrays and functions get their
 * parentheses; a qualified pointer is {@code char * const}).
 */
final class TypeNames {
    private TypeNames() {
    }

    static String of(Type t) {
        return declare(t, "").trim();
    }

    /** Spells {@code t} around an inner declarator, as C does: the base on the left, suffixes on the right. */
    private static String declare(Type t, String inner) {
        switch (t.kind()) {
            case VOID: return join("void", inner);
            case BASE: case TYPEDEF: return join(t.name() == null ? "?" : t.name(), inner);
            case STRUCT: return join("struct " + nameOr(t), inner);
            case UNION: return join("union " + nameOr(t), inner);
            case ENUM: return join("enum " + nameOr(t), inner);
            case CONST: case VOLATILE: {
                String q = t.kind() == Type.Kind.CONST ? "const" : "volatile";
                Type target = t.target();
                if (target.kind() == Type.Kind.POINTER) {
                    // gdb's spelling of a qualified pointer: char * const
                    return pointer(target.target(), "* " + q + (inner.isEmpty() ? "" : " " + inner.trim()));
                }
                String rest = declare(target, inner);
                // C has no qualified arrays: gcc qualifies both the array and its elements; say it once
                return rest.startsWith(q + " ") ? rest : q + " " + rest;
            }
            case POINTER:
                return pointer(t.target(), "*" + inner.trim());
            case ARRAY: {
                StringBuilder dims = new StringBuilder();
                for (long d : t.dimensions()) {
                    dims.append('[').append(d < 0 ? "" : Long.toString(d)).append(']');
                }
                return declare(t.target(), inner.isEmpty() ? dims.toString() : inner.trim() + dims);
            }
            case FUNCTION: {
                List<String> ps = new ArrayList<>();
                for (Type p : t.parameters()) {
                    ps.add(p == Type.VARARGS ? "..." : of(p));
                }
                return declare(t.target(), inner.trim() + "(" + (ps.isEmpty() ? "void" : String.join(", ", ps)) + ")");
            }
            default:
                return join("?", inner);
        }
    }

    private static String pointer(Type target, String ptr) {
        Type t = target;
        while (t.kind() == Type.Kind.CONST || t.kind() == Type.Kind.VOLATILE) {
            t = t.target();
        }
        if (t.kind() == Type.Kind.ARRAY || t.kind() == Type.Kind.FUNCTION) {
            ptr = "(" + ptr + ")";
        }
        return declare(target, ptr);
    }

    private static String nameOr(Type t) {
        return t.name() == null ? "{...}" : t.name();
    }

    private static String join(String base, String declarator) {
        if (declarator.isEmpty()) {
            return base;
        }
        return base + " " + declarator;
    }
}
