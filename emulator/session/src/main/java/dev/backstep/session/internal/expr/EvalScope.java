package dev.backstep.session.internal.expr;

import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.types.Type;

/** What an expression can name: variables in scope, registers, types; and the memory to read through. */
public interface EvalScope {
    MemoryReader memory();

    /** A variable visible in the frame (locals first, then file statics and globals); null when unknown. */
    ExprValue variable(String name) throws ExprException;

    /** {@code $name}: a register, $pc, a CSR, $icount; null when unknown. */
    ExprValue dollar(String name);

    /** A type by name ("point_t", "struct point", "int"); null when unknown. */
    Type type(String name);
}
