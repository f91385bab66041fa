package dev.backstep.session.internal.expr;

import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.types.Type;

/** C arithmetic on 32-bit int (and 64-bit long long), with pointer arithmetic and the usual conversions. */
final class Arithmetic {
    private Arithmetic() {
    }

    static ExprValue apply(String op, ExprValue a, ExprValue b, MemoryReader mem, int at) throws ExprException {
        requireScalar(a, op, at);
        requireScalar(b, op, at);
        boolean pa = Types.isPointerLike(a.type());
        boolean pb = Types.isPointerLike(b.type());
        if ((op.equals("+") || op.equals("-")) && (pa || pb)) {
            return pointerArithmetic(op, a, b, pa, pb, mem, at);
        }
        Type t = common(a.type(), b.type());
        boolean signed = Types.isSigned(t);
        long x = a.asLong(mem);
        long y = b.asLong(mem);
        if (!signed && t.size() == 4) {
            x &= 0xffffffffL;
            y &= 0xffffffffL;
        }
        switch (op) {
            case "==": return bool(x == y);
            case "!=": return bool(x != y);
            case "<": return bool(signed ? x < y : Long.compareUnsigned(x, y) < 0);
            case ">": return bool(signed ? x > y : Long.compareUnsigned(x, y) > 0);
            case "<=": return bool(signed ? x <= y : Long.compareUnsigned(x, y) <= 0);
            case ">=": return bool(signed ? x >= y : Long.compareUnsigned(x, y) >= 0);
            default: break;
        }
        long r;
        switch (op) {
            case "+": r = x + y; break;
            case "-": r = x - y; break;
            case "*": r = x * y; break;
            case "/": case "%":
                if (y == 0) {
                    throw new ExprException("division by zero (column " + (at + 1) + ")");
                }
                if (op.equals("/")) {
                    r = signed ? x / y : Long.divideUnsigned(x, y);
                } else {
                    r = signed ? x % y : Long.remainderUnsigned(x, y);
                }
                break;
            case "&": r = x & y; break;
            case "|": r = x | y; break;
            case "^": r = x ^ y; break;
            case "<<": r = x << (y & 63); break;
            case ">>": r = signed ? x >> (y & 63) : x >>> (y & 63); break;
            default: throw new ExprException("unknown operator " + op);
        }
        return ExprValue.of(t, r);
    }

    private static ExprValue pointerArithmetic(String op, ExprValue a, ExprValue b, boolean pa, boolean pb,
                                               MemoryReader mem, int at) throws ExprException {
        if (pa && pb) {
            if (op.equals("+")) {
                throw new ExprException("cannot add two pointers (column " + (at + 1) + ")");
            }
            long size = Math.max(1, Types.pointee(a.type()).size());
            return ExprValue.of(Types.INT, (address(a, mem) - address(b, mem)) / size);
        }
        if (pb && op.equals("-")) {
            throw new ExprException("cannot subtract a pointer from a number (column " + (at + 1) + ")");
        }
        ExprValue p = pa ? a : b;
        ExprValue n = pa ? b : a;
        Type elem = Types.pointee(p.type());
        long size = Math.max(1, elem.size());
        long off = n.asLong(mem) * size;
        long addr = address(p, mem) + (op.equals("+") ? off : -off);
        return ExprValue.of(Types.pointerTo(elem), addr & 0xffffffffL);
    }

    private static long address(ExprValue p, MemoryReader mem) {
        return p.type().resolved().kind() == Type.Kind.ARRAY ? p.address() : p.asLong(mem) & 0xffffffffL;
    }

    static ExprValue negate(ExprValue v, MemoryReader mem) throws ExprException {
        requireScalar(v, "-", 0);
        Type t = promoted(v.type());
        return ExprValue.of(t, -v.asLong(mem));
    }

    static ExprValue complement(ExprValue v, MemoryReader mem) throws ExprException {
        requireScalar(v, "~", 0);
        Type t = promoted(v.type());
        return ExprValue.of(t, ~v.asLong(mem));
    }

    static ExprValue promote(ExprValue v, MemoryReader mem) throws ExprException {
        requireScalar(v, "+", 0);
        return ExprValue.of(promoted(v.type()), v.asLong(mem));
    }

    /** A C cast between scalar types, or a reinterpretation of an lvalue's memory for aggregates. */
    static ExprValue cast(ExprValue v, Type target, MemoryReader mem) throws ExprException {
        Type r = target.resolved();
        if (r.kind() == Type.Kind.VOID) {
            return new ExprValue(target, -1, new byte[0]);
        }
        if (r.kind() == Type.Kind.STRUCT || r.kind() == Type.Kind.UNION || r.kind() == Type.Kind.ARRAY) {
            if (!v.isLvalue()) {
                throw new ExprException("cannot cast a value to " + target.displayName());
            }
            return new ExprValue(target, v.address(), null);
        }
        requireScalar(v, "cast", 0);
        long x = Types.isPointerLike(v.type()) ? address(v, mem) : v.asLong(mem);
        return ExprValue.of(target, x);
    }

    private static void requireScalar(ExprValue v, String op, int at) throws ExprException {
        if (!Types.isScalar(v.type()) && !Types.isPointerLike(v.type())) {
            throw new ExprException("operator " + op + " needs a number, not a " + v.type().displayName()
                    + (at > 0 ? " (column " + (at + 1) + ")" : ""));
        }
    }

    private static ExprValue bool(boolean b) {
        return ExprValue.of(Types.INT, b ? 1 : 0);
    }

    private static Type promoted(Type t) {
        Type r = t.resolved();
        if (r.size() < 4 || r.kind() == Type.Kind.ENUM) {
            return Types.INT;
        }
        if (r.size() == 8) {
            return Types.isSigned(r) ? Types.LONG_LONG : Types.UNSIGNED_LONG_LONG;
        }
        return Types.isSigned(r) ? Types.INT : Types.UNSIGNED;
    }

    /** The usual arithmetic conversions (simplified to the sizes RV32 has). */
    private static Type common(Type a, Type b) {
        Type x = promoted(a);
        Type y = promoted(b);
        if (x.size() == 8 || y.size() == 8) {
            return (x.size() == 8 && !Types.isSigned(x)) || (y.size() == 8 && !Types.isSigned(y))
                    ? Types.UNSIGNED_LONG_LONG : Types.LONG_LONG;
        }
        return Types.isSigned(x) && Types.isSigned(y) ? Types.INT : Types.UNSIGNED;
    }
}
