package dev.backstep.session.internal.expr;

import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.types.Type;

/**
 * A typed value met while evaluating an expression: an lvalue in memory ({@code address >= 0}) or a value with its
 * bytes (registers, computed results). Bytes of an lvalue are read when needed. {@code register} says where a value
 * that is not in memory lives when it can be assigned: x1..x31 ({@code 0..31}), {@link #PC}, or {@link #CSR} plus the
 * CSR number; -1 for computed values and registers of outer frames.
 */
public record ExprValue(Type type, long address, byte[] bytes, int register) {
    public static final int PC = 32;
    public static final int CSR = 0x1000;

    public ExprValue(Type type, long address, byte[] bytes) {
        this(type, address, bytes, -1);
    }

    /** The same value, marked as living in an assignable register. */
    public ExprValue inRegister(int reg) {
        return new ExprValue(type, address, bytes, reg);
    }

    public boolean isLvalue() {
        return address >= 0;
    }

    public byte[] bytes(MemoryReader memory) {
        if (bytes != null) {
            return bytes;
        }
        return memory.readBytes((int) address, (int) Math.min(Math.max(type.size(), 0), 1 << 16));
    }

    /** The scalar value, sign- or zero-extended by the type. */
    public long asLong(MemoryReader memory) {
        Type t = type.resolved();
        if (t.kind() == Type.Kind.ARRAY || t.kind() == Type.Kind.FUNCTION) {
            return address; // arrays and functions decay to their address
        }
        byte[] b = bytes(memory);
        int size = (int) Math.min(8, Math.max(1, t.size()));
        long v = 0;
        for (int i = 0; i < size && i < b.length; i++) {
            v |= (b[i] & 0xffL) << (8 * i);
        }
        if (Types.isSigned(t) && size < 8 && (v >> (size * 8 - 1) & 1) == 1) {
            v |= -1L << (size * 8);
        }
        return v;
    }

    public static ExprValue of(Type type, long v) {
        int size = (int) Math.max(1, Math.min(8, type.size()));
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (v >> (8 * i));
        }
        return new ExprValue(type, -1, b);
    }
}
