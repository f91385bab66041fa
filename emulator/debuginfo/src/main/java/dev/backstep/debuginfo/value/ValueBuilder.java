package dev.backstep.debuginfo.value;

import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.elf.SymbolTable;
import dev.backstep.debuginfo.types.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Turns bytes (from memory or an assembled location) and a type into a {@link Value} tree. Display strings are
 * gdb's (see {@link ValueText}), as one-line summaries.
 */
public final class ValueBuilder {
    private final MemoryReader memory;
    private final SymbolTable symbols;
    private final ValueFormat format;
    private final ValueText text;

    public ValueBuilder(MemoryReader memory, SymbolTable symbols, ValueFormat format) {
        this.memory = memory;
        this.symbols = symbols;
        this.format = format;
        this.text = ValueText.summary(memory, symbols, format.hex());
    }

    /** A value that lives in memory at addr; read now for scalars, on expansion for aggregates' children. */
    public Value atAddress(String name, Type type, long addr) {
        long size = type.size();
        try {
            byte[] bytes = memory.readBytes((int) addr, (int) Math.min(Math.max(size, 0), 1 << 16));
            return fromBytes(name, type, bytes, OptionalLong.of(addr));
        } catch (MemoryAccessException e) {
            return error(name, type, e.getMessage(), OptionalLong.of(addr));
        }
    }

    public Value error(String name, Type type, String message, OptionalLong addr) {
        return new Value(name, type, "<" + message + ">", addr, type.size(), false, List::of);
    }

    public Value optimizedOut(String name, Type type) {
        return new Value(name, type, "<optimized out>", OptionalLong.empty(), type.size(), false, List::of);
    }

    /** A value whose bytes are known; {@code addr} is where they came from, if from one piece of memory. */
    public Value fromBytes(String name, Type type, byte[] bytes, OptionalLong addr) {
        Type t = type.resolved();
        long size = type.size();
        String shown = text.value(type, bytes, addr);
        switch (t.kind()) {
            case POINTER: {
                long p = ValueText.le(bytes, 0, (int) size) & ValueText.mask(size);
                Type target = t.target().resolved();
                boolean expandable = p != 0 && target.kind() != Type.Kind.VOID && target.kind() != Type.Kind.FUNCTION
                        && t.target().size() > 0;
                return new Value(name, type, shown, addr, size, expandable,
                        () -> List.of(atAddress("*" + name, t.target(), p)));
            }
            case STRUCT: case UNION:
                return new Value(name, type, shown, addr, size, !t.members().isEmpty(),
                        () -> members(t, bytes, addr));
            case ARRAY: {
                Type elem = t.elementType();
                long count = t.dimensions().isEmpty() ? -1 : t.dimensions().get(0);
                return new Value(name, type, shown, addr, size, count > 0, () -> elements(elem, count, bytes, addr));
            }
            default:
                return new Value(name, type, shown, addr, size, false, List::of);
        }
    }

    private List<Value> members(Type t, byte[] bytes, OptionalLong addr) {
        List<Value> out = new ArrayList<>();
        for (Type.Member m : t.members()) {
            String n = m.name() == null ? "<anonymous>" : m.name();
            Type mt = m.type();
            if (m.isBitfield()) {
                long bits = ValueText.extractBits(bytes, m.bitOffset(), m.bitSize());
                byte[] raw = new byte[(int) Math.max(1, Math.min(8, mt.size()))];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = (byte) (bits >>> (8 * i));
                }
                Type r = mt.resolved();
                boolean signed = r.kind() == Type.Kind.ENUM || r.kind() == Type.Kind.BASE
                        && (r.encoding() == Type.ATE_SIGNED || r.encoding() == Type.ATE_SIGNED_CHAR);
                if (signed && m.bitSize() < 64 && (bits >> (m.bitSize() - 1) & 1) == 1) {
                    long v = bits | (-1L << m.bitSize());
                    for (int i = 0; i < raw.length; i++) {
                        raw[i] = (byte) (v >>> (8 * i));
                    }
                }
                out.add(new Value(n, mt, text.value(mt, raw, OptionalLong.empty()), OptionalLong.empty(), 0, false,
                        List::of));
                continue;
            }
            int off = (int) m.byteOffset();
            int len = (int) Math.max(0, Math.min(mt.size(), bytes.length - off));
            byte[] sub = ValueText.slice(bytes, off, len);
            out.add(fromBytes(n, mt, sub, addr.isPresent() ? OptionalLong.of(addr.getAsLong() + off) : OptionalLong.empty()));
        }
        return out;
    }

    private List<Value> elements(Type elem, long count, byte[] bytes, OptionalLong addr) {
        List<Value> out = new ArrayList<>();
        long es = elem.size();
        long n = Math.min(count, format.maxChildren());
        for (long i = 0; i < n; i++) {
            int off = (int) (i * es);
            byte[] sub = ValueText.slice(bytes, off, (int) Math.max(0, Math.min(es, bytes.length - off)));
            out.add(fromBytes("[" + i + "]", elem, sub,
                    addr.isPresent() ? OptionalLong.of(addr.getAsLong() + off) : OptionalLong.empty()));
        }
        return out;
    }
}
