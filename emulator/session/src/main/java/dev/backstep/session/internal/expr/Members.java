package dev.backstep.session.internal.expr;

import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.types.Type;

/** Member access on structs and unions (anonymous members searched too), bit-fields included. */
final class Members {
    private Members() {
    }

    static ExprValue member(ExprValue v, String name, MemoryReader mem, int at) throws ExprException {
        Type t = v.type().resolved();
        if (t.kind() != Type.Kind.STRUCT && t.kind() != Type.Kind.UNION) {
            throw new ExprException("'" + name + "': a " + v.type().displayName() + " has no members (column "
                    + (at + 1) + ")");
        }
        ExprValue found = find(v, t, name, mem);
        if (found == null) {
            throw new ExprException(v.type().displayName() + " has no member named '" + name + "'");
        }
        return found;
    }

    private static ExprValue find(ExprValue v, Type t, String name, MemoryReader mem) {
        for (Type.Member m : t.members()) {
            if (name.equals(m.name())) {
                return at(v, m, mem);
            }
        }
        for (Type.Member m : t.members()) {
            Type mt = m.type().resolved();
            if (m.name() == null && (mt.kind() == Type.Kind.STRUCT || mt.kind() == Type.Kind.UNION)) {
                ExprValue inner = find(at(v, m, mem), mt, name, mem);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static ExprValue at(ExprValue v, Type.Member m, MemoryReader mem) {
        Type mt = m.type();
        if (m.isBitfield()) {
            byte[] b = v.bytes(mem);
            long bits = 0;
            for (int i = 0; i < m.bitSize(); i++) {
                long bit = m.bitOffset() + i;
                int byteIdx = (int) (bit / 8);
                if (byteIdx < b.length && ((b[byteIdx] >> (bit % 8)) & 1) != 0) {
                    bits |= 1L << i;
                }
            }
            if (Types.isSigned(mt) && m.bitSize() < 64 && ((bits >> (m.bitSize() - 1)) & 1) != 0) {
                bits |= -1L << m.bitSize();
            }
            return ExprValue.of(mt, bits);
        }
        if (v.isLvalue()) {
            return new ExprValue(mt, v.address() + m.byteOffset(), null);
        }
        byte[] b = v.bytes(mem);
        int off = (int) m.byteOffset();
        int len = (int) Math.max(0, Math.min(mt.size(), b.length - off));
        byte[] sub = new byte[len];
        System.arraycopy(b, off, sub, 0, len);
        return new ExprValue(mt, -1, sub);
    }
}
