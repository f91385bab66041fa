package dev.backstep.debuginfo.model;

import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.types.Type;

import java.util.function.Supplier;

/** Names for the qualifiers that the type model folds into typedef-like wrappers (restrict, _Atomic). */
final class TypeResolverNames {
    private TypeResolverNames() {
    }

    static String qualifierName(int tag, Supplier<Type> target) {
        String q = tag == Dw.TAG_RESTRICT_TYPE ? "restrict" : "_Atomic";
        return q + " " + target.get().displayName();
    }
}
