package dev.backstep.debuginfo.loc;

import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.dwarf.SectionReader;

import java.util.ArrayList;
import java.util.List;

/**
 * A DWARF expression stack machine for 32-bit targets. Values are kept as unsigned 32-bit numbers in longs;
 * operations that DWARF defines as signed (division, comparisons, arithmetic shift) reinterpret them as int.
 */
public final class ExpressionEvaluator {
    private static final long MASK = 0xffffffffL;
    private static final int MAX_STEPS = 100_000;

    private ExpressionEvaluator() {
    }

    /** Evaluates a location description; {@code what} names the expression in error messages. */
    public static Location evaluate(byte[] expr, EvalContext ctx, String what)
            throws DwarfFormatException, LocationUnavailableException {
        if (expr.length == 0) {
            return Location.OPTIMIZED_OUT;
        }
        SectionReader r = new SectionReader(what, expr);
        List<Long> stack = new ArrayList<>();
        List<Piece> pieces = new ArrayList<>();
        Piece pending = null; // a register/implicit location waiting for its DW_OP_piece (or the end)
        boolean stackValue = false;
        int steps = 0;
        while (!r.atEnd()) {
            if (++steps > MAX_STEPS) {
                throw r.error("expression does not terminate");
            }
            int at = r.offset();
            int op = r.u8();
            if (op >= Dw.OP_LIT0 && op <= Dw.OP_LIT0 + 31) {
                stack.add((long) (op - Dw.OP_LIT0));
                continue;
            }
            if (op >= Dw.OP_REG0 && op <= Dw.OP_REG0 + 31) {
                pending = new Piece(Piece.Kind.REGISTER, op - Dw.OP_REG0, null, -1, 0);
                continue;
            }
            if (op >= Dw.OP_BREG0 && op <= Dw.OP_BREG0 + 31) {
                stack.add((reg(ctx, op - Dw.OP_BREG0) + r.sleb()) & MASK);
                continue;
            }
            switch (op) {
                case Dw.OP_ADDR: stack.add(r.u32()); break;
                case Dw.OP_DEREF: push(stack, read(ctx, pop(stack, r, at), 4)); break;
                case Dw.OP_DEREF_SIZE: {
                    int size = r.u8();
                    push(stack, read(ctx, pop(stack, r, at), size));
                    break;
                }
                case Dw.OP_CONST1U: stack.add((long) r.u8()); break;
                case Dw.OP_CONST1S: stack.add((long) r.s8() & MASK); break;
                case Dw.OP_CONST2U: stack.add((long) r.u16()); break;
                case Dw.OP_CONST2S: stack.add((long) (short) r.u16() & MASK); break;
                case Dw.OP_CONST4U: stack.add(r.u32()); break;
                case Dw.OP_CONST4S: stack.add(r.u32()); break;
                case Dw.OP_CONST8U: case Dw.OP_CONST8S: stack.add(r.u64() & MASK); break;
                case Dw.OP_CONSTU: stack.add(r.uleb() & MASK); break;
                case Dw.OP_CONSTS: stack.add(r.sleb() & MASK); break;
                case Dw.OP_ADDRX: case Dw.OP_CONSTX: case Dw.OP_GNU_ADDR_INDEX: case Dw.OP_GNU_CONST_INDEX:
                    stack.add(ctx.indexedAddress(r.uleb()) & MASK);
                    break;
                case Dw.OP_DUP: push(stack, peek(stack, r, at, 0)); break;
                case Dw.OP_DROP: pop(stack, r, at); break;
                case Dw.OP_OVER: push(stack, peek(stack, r, at, 1)); break;
                case Dw.OP_PICK: push(stack, peek(stack, r, at, r.u8())); break;
                case Dw.OP_SWAP: {
                    long a = pop(stack, r, at);
                    long b = pop(stack, r, at);
                    stack.add(a);
                    stack.add(b);
                    break;
                }
                case Dw.OP_ROT: {
                    long a = pop(stack, r, at);
                    long b = pop(stack, r, at);
                    long c = pop(stack, r, at);
                    stack.add(a);
                    stack.add(c);
                    stack.add(b);
                    break;
                }
                case Dw.OP_ABS: push(stack, Math.abs((int) pop(stack, r, at))); break;
                case Dw.OP_NEG: push(stack, -(int) pop(stack, r, at)); break;
                case Dw.OP_NOT: push(stack, ~pop(stack, r, at)); break;
                case Dw.OP_PLUS_UCONST: push(stack, pop(stack, r, at) + r.uleb()); break;
                case Dw.OP_AND: case Dw.OP_OR: case Dw.OP_XOR: case Dw.OP_PLUS: case Dw.OP_MINUS: case Dw.OP_MUL:
                case Dw.OP_DIV: case Dw.OP_MOD: case Dw.OP_SHL: case Dw.OP_SHR: case Dw.OP_SHRA:
                case Dw.OP_EQ: case Dw.OP_NE: case Dw.OP_LT: case Dw.OP_LE: case Dw.OP_GT: case Dw.OP_GE: {
                    long b = pop(stack, r, at);
                    long a = pop(stack, r, at);
                    push(stack, binary(op, a, b, r, at));
                    break;
                }
                case Dw.OP_SKIP: {
                    int off = (short) r.u16();
                    r.seek(r.offset() + off);
                    break;
                }
                case Dw.OP_BRA: {
                    int off = (short) r.u16();
                    if (pop(stack, r, at) != 0) {
                        r.seek(r.offset() + off);
                    }
                    break;
                }
                case Dw.OP_REGX: pending = new Piece(Piece.Kind.REGISTER, r.uleb(), null, -1, 0); break;
                case Dw.OP_BREGX: {
                    int reg = r.ulebInt();
                    stack.add((reg(ctx, reg) + r.sleb()) & MASK);
                    break;
                }
                case Dw.OP_FBREG: stack.add((ctx.frameBase() + r.sleb()) & MASK); break;
                case Dw.OP_CALL_FRAME_CFA: stack.add(ctx.cfa() & MASK); break;
                case Dw.OP_NOP: break;
                case Dw.OP_STACK_VALUE: stackValue = true; break;
                case Dw.OP_IMPLICIT_VALUE: {
                    byte[] b = r.bytes(r.uleb());
                    pending = new Piece(Piece.Kind.IMPLICIT, 0, b, -1, 0);
                    break;
                }
                case Dw.OP_ENTRY_VALUE: case Dw.OP_GNU_ENTRY_VALUE: {
                    byte[] sub = r.bytes(r.uleb());
                    // a float register's entry value (DW_OP_regx 32..63) is 64 bits wide with D: keep them all
                    boolean wide = sub.length >= 2 && (sub[0] & 0xff) == Dw.OP_REGX && (sub[1] & 0xff) >= 32;
                    long ev = ctx.entryValue(sub);
                    stack.add(wide ? ev : ev & MASK);
                    break;
                }
                case Dw.OP_PIECE: case Dw.OP_BIT_PIECE: {
                    int bits = op == Dw.OP_PIECE ? r.ulebInt() * 8 : r.ulebInt();
                    int bitOff = op == Dw.OP_BIT_PIECE ? r.ulebInt() : 0;
                    pieces.add(finish(pending, stack, stackValue, bits, bitOff));
                    pending = null;
                    stackValue = false;
                    stack.clear();
                    break;
                }
                case Dw.OP_GNU_PARAMETER_REF: case Dw.OP_IMPLICIT_POINTER: case Dw.OP_GNU_IMPLICIT_POINTER:
                    throw new LocationUnavailableException(Dw.opName(op) + " is not supported");
                default:
                    throw r.error(at, "unsupported or unknown DWARF expression opcode 0x" + Integer.toHexString(op)
                            + " (" + Dw.opName(op) + ")");
            }
        }
        if (pieces.isEmpty()) {
            if (pending == null && stack.isEmpty()) {
                return Location.OPTIMIZED_OUT;
            }
            return new Location(List.of(finish(pending, stack, stackValue, -1, 0)));
        }
        if (pending != null || !stack.isEmpty()) {
            pieces.add(finish(pending, stack, stackValue, -1, 0));
        }
        return new Location(List.copyOf(pieces));
    }

    /** Evaluates an expression that computes a value (DW_AT_frame_base via breg, CFA rules, call values). */
    public static long evaluateValue(byte[] expr, EvalContext ctx, String what)
            throws DwarfFormatException, LocationUnavailableException {
        Location loc = evaluate(expr, ctx, what);
        if (loc.pieces().size() != 1) {
            throw new LocationUnavailableException(what + ": not a single value");
        }
        Piece p = loc.pieces().get(0);
        switch (p.kind()) {
            case MEMORY: case VALUE: return p.value();
            case REGISTER: {
                int n = (int) p.value();
                return n >= 32 ? regWide(ctx, n) : reg(ctx, n) & MASK;
            }
            default: throw new LocationUnavailableException(what + ": no value");
        }
    }

    private static Piece finish(Piece pending, List<Long> stack, boolean stackValue, int bits, int bitOff) {
        if (pending != null) {
            return new Piece(pending.kind(), pending.value(), pending.bytes(), bits, bitOff);
        }
        if (stack.isEmpty()) {
            return new Piece(Piece.Kind.OPTIMIZED_OUT, 0, null, bits, bitOff);
        }
        long top = stack.get(stack.size() - 1);
        return new Piece(stackValue ? Piece.Kind.VALUE : Piece.Kind.MEMORY, top, null, bits, bitOff);
    }

    private static long binary(int op, long a, long b, SectionReader r, int at) throws DwarfFormatException {
        int sa = (int) a;
        int sb = (int) b;
        switch (op) {
            case Dw.OP_AND: return a & b;
            case Dw.OP_OR: return a | b;
            case Dw.OP_XOR: return a ^ b;
            case Dw.OP_PLUS: return a + b;
            case Dw.OP_MINUS: return a - b;
            case Dw.OP_MUL: return a * b;
            case Dw.OP_DIV:
                if (sb == 0) {
                    throw r.error(at, "DW_OP_div by zero");
                }
                return sa / sb;
            case Dw.OP_MOD:
                if (b == 0) {
                    throw r.error(at, "DW_OP_mod by zero");
                }
                return a % b;
            case Dw.OP_SHL: return b >= 32 ? 0 : a << b;
            case Dw.OP_SHR: return b >= 32 ? 0 : (a & MASK) >>> b;
            case Dw.OP_SHRA: return b >= 32 ? (sa < 0 ? -1 : 0) : sa >> b;
            case Dw.OP_EQ: return sa == sb ? 1 : 0;
            case Dw.OP_NE: return sa != sb ? 1 : 0;
            case Dw.OP_LT: return sa < sb ? 1 : 0;
            case Dw.OP_LE: return sa <= sb ? 1 : 0;
            case Dw.OP_GT: return sa > sb ? 1 : 0;
            default: return sa >= sb ? 1 : 0;
        }
    }

    private static long reg(EvalContext ctx, int n) throws LocationUnavailableException {
        if (!ctx.registers().available(n)) {
            throw new LocationUnavailableException("register " + n + " is not known in this frame");
        }
        return ctx.registers().reg(n) & MASK;
    }

    /** A float register (DWARF 32..63) with all its bits. */
    private static long regWide(EvalContext ctx, int n) throws LocationUnavailableException {
        if (!ctx.registers().available(n)) {
            throw new LocationUnavailableException("register " + n + " is not known in this frame");
        }
        return ctx.registers().reg64(n);
    }

    private static long read(EvalContext ctx, long addr, int size) throws LocationUnavailableException {
        try {
            byte[] b = ctx.memory().readBytes((int) addr, size);
            long v = 0;
            for (int i = Math.min(size, 8) - 1; i >= 0; i--) {
                v = v << 8 | (b[i] & 0xff);
            }
            return v;
        } catch (MemoryAccessException e) {
            throw new LocationUnavailableException(e.getMessage());
        }
    }

    private static void push(List<Long> stack, long v) {
        stack.add(v & MASK);
    }

    private static long pop(List<Long> stack, SectionReader r, int at) throws DwarfFormatException {
        if (stack.isEmpty()) {
            throw r.error(at, "DWARF expression stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private static long peek(List<Long> stack, SectionReader r, int at, int depth) throws DwarfFormatException {
        if (depth >= stack.size()) {
            throw r.error(at, "DWARF expression stack underflow");
        }
        return stack.get(stack.size() - 1 - depth);
    }
}
