package dev.backstep.debuginfo.value;

import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.elf.SymbolTable;
import dev.backstep.debuginfo.types.Type;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Turns bytes (from memory or an assembled location) and a type into a {@link Value} tree. */
public final class ValueBuilder {
    /** Length after which a struct or array summary is cut with "...". */
    private static final int SUMMARY_LIMIT = 100;

    private final MemoryReader memory;
    private final SymbolTable symbols;
    private final ValueFormat format;

    public ValueBuilder(MemoryReader memory, SymbolTable symbols, ValueFormat format) {
        this.memory = memory;
        this.symbols = symbols;
        this.format = format;
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
        return fromBytes(name, type, bytes, addr, false);
    }

    /**
     * {@code nested}: the value is shown inside its parent's one-line summary, where aggregates are abbreviated to
     * {@code {...}} (so a summary never recurses through a whole tree); its own children stay complete.
     */
    private Value fromBytes(String name, Type type, byte[] bytes, OptionalLong addr, boolean nested) {
        Type t = type.resolved();
        long size = type.size();
        switch (t.kind()) {
            case BASE:
                return new Value(name, type, scalar(t, bytes, 0, (int) size), addr, size, false, List::of);
            case ENUM: {
                long v = signExtend(le(bytes, 0, (int) size), (int) size);
                String s = null;
                for (Type.Enumerator e : t.enumerators()) {
                    if (e.value() == v || (e.value() & mask(size)) == (v & mask(size))) {
                        s = e.name();
                    }
                }
                return new Value(name, type, s != null ? s : number(v, size, true), addr, size, false, List::of);
            }
            case POINTER: {
                long p = le(bytes, 0, (int) size);
                Type target = t.target().resolved();
                String shown = String.format("0x%08x", p);
                if (target.kind() == Type.Kind.FUNCTION) {
                    String sym = symbols == null ? null : symbols.symbolize(p);
                    return new Value(name, type, shown + (sym != null ? " <" + sym + ">" : ""), addr, size, false,
                            List::of);
                }
                if (isChar(target) && p != 0) {
                    shown += " " + cString(p, 64);
                }
                boolean expandable = p != 0 && target.kind() != Type.Kind.VOID && t.target().size() > 0;
                return new Value(name, type, shown, addr, size, expandable,
                        () -> List.of(atAddress("*" + name, t.target(), p)));
            }
            case STRUCT: case UNION: {
                String shown = nested ? "{...}" : structSummary(t, bytes, addr);
                return new Value(name, type, shown, addr, size, !t.members().isEmpty(),
                        () -> members(t, bytes, addr, false));
            }
            case ARRAY: {
                Type elem = t.elementType();
                long count = t.dimensions().isEmpty() ? -1 : t.dimensions().get(0);
                String shown = (isChar(elem.resolved()) && t.dimensions().size() == 1)
                        ? quote(bytes, (int) Math.min(bytes.length, count))
                        : nested || count < 0 ? "{...}" : arraySummary(elem, count, bytes, addr);
                return new Value(name, type, shown, addr, size, count > 0,
                        () -> elements(elem, count, bytes, addr));
            }
            default:
                return new Value(name, type, t.kind() == Type.Kind.FUNCTION ? "{function}" : "<no value>", addr, size,
                        false, List::of);
        }
    }

    /** gdb's one-line form: {@code {x = 1, y = 2}}, nested aggregates as {@code {...}}, cut after ~100 chars. */
    private String structSummary(Type t, byte[] bytes, OptionalLong addr) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Value m : members(t, bytes, addr, true)) {
            if (sb.length() > SUMMARY_LIMIT) {
                return sb.append("...}").toString();
            }
            sb.append(first ? "" : ", ").append(m.name()).append(" = ").append(m.display());
            first = false;
        }
        return sb.append('}').toString();
    }

    /** {@code {1, 2, 3}}; cut with "..." after ~100 chars; elements are built only as far as shown. */
    private String arraySummary(Type elem, long count, byte[] bytes, OptionalLong addr) {
        StringBuilder sb = new StringBuilder("{");
        long es = elem.size();
        for (long i = 0; i < count; i++) {
            if (sb.length() > SUMMARY_LIMIT) {
                return sb.append("...}").toString();
            }
            int off = (int) (i * es);
            byte[] sub = slice(bytes, off, (int) Math.max(0, Math.min(es, bytes.length - off)));
            Value e = fromBytes("[" + i + "]", elem, sub,
                    addr.isPresent() ? OptionalLong.of(addr.getAsLong() + off) : OptionalLong.empty(), true);
            sb.append(i == 0 ? "" : ", ").append(e.display());
        }
        return sb.append('}').toString();
    }

    private List<Value> members(Type t, byte[] bytes, OptionalLong addr, boolean nested) {
        List<Value> out = new ArrayList<>();
        for (Type.Member m : t.members()) {
            String n = m.name() == null ? "<anonymous>" : m.name();
            Type mt = m.type();
            if (m.isBitfield()) {
                long bits = extractBits(bytes, m.bitOffset(), m.bitSize());
                Type r = mt.resolved();
                boolean signed = r.kind() == Type.Kind.BASE && (r.encoding() == Type.ATE_SIGNED
                        || r.encoding() == Type.ATE_SIGNED_CHAR);
                if (r.kind() == Type.Kind.ENUM) {
                    signed = true;
                }
                long v = signed && m.bitSize() < 64 && (bits >> (m.bitSize() - 1) & 1) == 1 ? bits | (-1L << m.bitSize()) : bits;
                String shown = format.hex() ? "0x" + Long.toHexString(bits) : Long.toString(v);
                if (r.kind() == Type.Kind.BASE && r.encoding() == Type.ATE_BOOLEAN) {
                    shown = v != 0 ? "true" : "false";
                }
                out.add(new Value(n, mt, shown, OptionalLong.empty(), 0, false, List::of));
                continue;
            }
            int off = (int) m.byteOffset();
            int len = (int) Math.max(0, Math.min(mt.size(), bytes.length - off));
            byte[] sub = slice(bytes, off, len);
            out.add(fromBytes(n, mt, sub, addr.isPresent() ? OptionalLong.of(addr.getAsLong() + off) : OptionalLong.empty(),
                    nested));
        }
        return out;
    }

    private List<Value> elements(Type elem, long count, byte[] bytes, OptionalLong addr) {
        List<Value> out = new ArrayList<>();
        long es = elem.size();
        long n = Math.min(count, format.maxChildren());
        for (long i = 0; i < n; i++) {
            int off = (int) (i * es);
            byte[] sub = slice(bytes, off, (int) Math.max(0, Math.min(es, bytes.length - off)));
            out.add(fromBytes("[" + i + "]", elem, sub,
                    addr.isPresent() ? OptionalLong.of(addr.getAsLong() + off) : OptionalLong.empty()));
        }
        return out;
    }

    private String scalar(Type t, byte[] b, int off, int size) {
        if (b.length < off + size) {
            return "<incomplete value>";
        }
        long raw = le(b, off, size);
        switch (t.encoding()) {
            case Type.ATE_BOOLEAN:
                return raw != 0 ? "true" : "false";
            case Type.ATE_FLOAT:
                if (size == 4) {
                    return Float.toString(Float.intBitsToFloat((int) raw));
                }
                if (size == 8) {
                    return Double.toString(Double.longBitsToDouble(raw));
                }
                return "<float" + size * 8 + ">";
            case Type.ATE_SIGNED_CHAR: case Type.ATE_UNSIGNED_CHAR: {
                boolean signed = t.encoding() == Type.ATE_SIGNED_CHAR;
                long v = signed ? signExtend(raw, size) : raw;
                return number(v, size, signed) + " " + charLiteral((int) (raw & 0xff));
            }
            case Type.ATE_SIGNED:
                return number(signExtend(raw, size), size, true);
            default:
                return number(raw, size, false);
        }
    }

    private String number(long v, long size, boolean signed) {
        if (format.hex()) {
            return "0x" + Long.toHexString(v & mask(size));
        }
        return signed ? Long.toString(v) : Long.toUnsignedString(v & mask(size));
    }

    private String cString(long addr, int max) {
        StringBuilder sb = new StringBuilder("\"");
        try {
            for (int i = 0; i < max; i++) {
                int c = memory.readBytes((int) (addr + i), 1)[0] & 0xff;
                if (c == 0) {
                    return sb.append('"').toString();
                }
                appendEscaped(sb, c);
            }
            return sb.append("\"...").toString();
        } catch (MemoryAccessException e) {
            return "<cannot read string>";
        }
    }

    /** A char array as a string: trailing NULs dropped, embedded ones escaped (the bytes are data, not a C string). */
    private static String quote(byte[] b, int n) {
        StringBuilder sb = new StringBuilder("\"");
        int end = Math.min(n, b.length);
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            appendEscaped(sb, b[i] & 0xff);
        }
        return sb.append('"').toString();
    }

    private static void appendEscaped(StringBuilder sb, int c) {
        switch (c) {
            case '\n': sb.append("\\n"); break;
            case '\t': sb.append("\\t"); break;
            case '\r': sb.append("\\r"); break;
            case '"': sb.append("\\\""); break;
            case '\\': sb.append("\\\\"); break;
            default:
                if (c >= 0x20 && c < 0x7f) {
                    sb.append((char) c);
                } else {
                    sb.append(String.format("\\%03o", c));
                }
        }
    }

    private static String charLiteral(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        StringBuilder sb = new StringBuilder("'");
        if (c == '"') {
            sb.append('"');
        } else {
            appendEscaped(sb, c);
        }
        return sb.append('\'').toString();
    }

    private static boolean isChar(Type t) {
        return t.kind() == Type.Kind.BASE && t.size() == 1
                && (t.encoding() == Type.ATE_SIGNED_CHAR || t.encoding() == Type.ATE_UNSIGNED_CHAR);
    }

    static long le(byte[] b, int off, int size) {
        long v = 0;
        for (int i = Math.min(size, 8) - 1; i >= 0; i--) {
            v = v << 8 | (off + i < b.length ? b[off + i] & 0xff : 0);
        }
        return v;
    }

    private static long signExtend(long v, long size) {
        if (size >= 8 || size <= 0) {
            return v;
        }
        int shift = 64 - (int) size * 8;
        return v << shift >> shift;
    }

    private static long mask(long size) {
        return size >= 8 ? -1L : (1L << (size * 8)) - 1;
    }

    private static long extractBits(byte[] b, long bitOffset, int bitSize) {
        long v = 0;
        for (int i = bitSize - 1; i >= 0; i--) {
            long bit = bitOffset + i;
            int byteIndex = (int) (bit / 8);
            int set = byteIndex < b.length ? (b[byteIndex] >> (bit % 8)) & 1 : 0;
            v = v << 1 | set;
        }
        return v;
    }

    private static byte[] slice(byte[] b, int off, int len) {
        byte[] out = new byte[Math.max(len, 0)];
        if (len > 0 && off >= 0 && off + len <= b.length) {
            System.arraycopy(b, off, out, 0, len);
        }
        return out;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
