package dev.backstep.debuginfo.value;

import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.elf.SymbolTable;
import dev.backstep.debuginfo.types.Type;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A value written as gdb's {@code print} writes it, so that the console and the IDEs read like gdb:
 * <ul>
 * <li>integers in decimal, one-byte integers with their character ({@code 66 'B'}), floats with 9 or 17
 *     significant digits ({@code 0.100000001}), {@code true}/{@code false}, enumerators by name (flag enums as
 *     {@code (A | B)});</li>
 * <li>pointers in hex, with the symbol they point into ({@code 0x80000f80 <window+4>}) and, for pointers to
 *     one-byte integers, the string there ({@code 0x80002980 "Blink1"}); functions as
 *     {@code {void (int)} 0x80000a84 <on_tick>};</li>
 * <li>aggregates in braces, {@code {x = 1, y = 2}}, {@code {1, 2, 3}}; arrays of one-byte integers as strings;
 *     runs of more than 10 equal elements as {@code 0 <repeats 16 times>}; at most 200 elements or characters,
 *     then {@code ...}.</li>
 * </ul>
 * {@link #print} adds what gdb's top-level {@code print} adds: a pointer's type in parentheses
 * ({@code (TCB_t * volatile) 0x80081280}), except for plain {@code char} pointers, whose string says enough.
 * In hex mode every integer, character, pointer and float (its bits) is written in hex, as {@code print/x} does.
 * A summary (for an IDE's one-line display) writes aggregates inside aggregates as {@code {...}} and stops after
 * about 100 characters.
 */
public final class ValueText {
    /** gdb's default {@code print elements}: elements of an array, characters of a string. */
    static final int PRINT_MAX = 200;
    /** gdb's default {@code print repeats}: longer runs of one element are written once with a count. */
    static final int REPEAT_THRESHOLD = 10;
    /** Length after which a summary is cut. */
    static final int SUMMARY_LIMIT = 100;

    private final MemoryReader memory;
    private final SymbolTable symbols;
    private final boolean hex;
    private final boolean summary;

    private ValueText(MemoryReader memory, SymbolTable symbols, boolean hex, boolean summary) {
        this.memory = memory;
        this.symbols = symbols;
        this.hex = hex;
        this.summary = summary;
    }

    /** The whole value, as gdb prints it. {@code memory} (strings) and {@code symbols} may be null. */
    public static ValueText full(MemoryReader memory, SymbolTable symbols, boolean hex) {
        return new ValueText(memory, symbols, hex, false);
    }

    /** A one-line summary: nested aggregates as {@code {...}}, cut after about 100 characters. */
    public static ValueText summary(MemoryReader memory, SymbolTable symbols, boolean hex) {
        return new ValueText(memory, symbols, hex, true);
    }

    /**
     * The value as gdb's {@code print} shows it at the top level: a pointer with its type first.
     * {@code address}: where the value lives (for functions: the function's address), if it is in memory.
     */
    public String print(Type type, byte[] bytes, OptionalLong address) {
        StringBuilder sb = new StringBuilder();
        if (type.resolved().kind() == Type.Kind.POINTER && !hex && !isPlainCharPointer(type)) {
            sb.append('(').append(type.displayName()).append(") ");
        }
        append(sb, type, bytes, address, 0);
        return sb.toString();
    }

    /** The value as gdb shows it inside others, in {@code info locals} and in frame arguments. */
    public String value(Type type, byte[] bytes, OptionalLong address) {
        StringBuilder sb = new StringBuilder();
        append(sb, type, bytes, address, 0);
        return sb.toString();
    }

    /** gdb leaves the type out for a pointer (not a typedef of one) to plain {@code char}, qualified or not. */
    private static boolean isPlainCharPointer(Type type) {
        Type p = unqualified(type);
        if (p.kind() != Type.Kind.POINTER) {
            return false;
        }
        Type target = unqualified(p.target());
        return target.kind() == Type.Kind.BASE && "char".equals(target.name());
    }

    private static Type unqualified(Type t) {
        int guard = 0;
        while ((t.kind() == Type.Kind.CONST || t.kind() == Type.Kind.VOLATILE) && guard++ < 16) {
            t = t.target();
        }
        return t;
    }

    private boolean full(StringBuilder sb) {
        return summary && sb.length() > SUMMARY_LIMIT;
    }

    private void append(StringBuilder sb, Type type, byte[] bytes, OptionalLong address, int depth) {
        Type t = type.resolved();
        switch (t.kind()) {
            case BASE:
                scalar(sb, t, bytes);
                return;
            case ENUM:
                enumerator(sb, t, bytes);
                return;
            case POINTER:
                pointer(sb, t, bytes);
                return;
            case STRUCT: case UNION:
                if (summary && depth > 0) {
                    sb.append("{...}");
                } else {
                    members(sb, t, bytes, address, depth);
                }
                return;
            case ARRAY:
                array(sb, t, bytes, address, depth);
                return;
            case FUNCTION:
                sb.append('{').append(t.displayName()).append("} ");
                if (address.isPresent()) {
                    codeAddress(sb, address.getAsLong());
                }
                return;
            default:
                sb.append(t == Type.VOID || t.kind() == Type.Kind.VOID ? "void" : "<no value>");
        }
    }

    // ------------------------------------------------------------------ scalars

    private void scalar(StringBuilder sb, Type t, byte[] b) {
        int size = (int) t.size();
        if (size <= 0 || b.length < size) {
            sb.append("<incomplete value>");
            return;
        }
        long raw = le(b, 0, size);
        int enc = t.encoding();
        if (hex) {
            sb.append("0x").append(Long.toHexString(raw & mask(size)));
            return;
        }
        switch (enc) {
            case Type.ATE_BOOLEAN:
                sb.append(raw == 0 ? "false" : raw == 1 ? "true" : Long.toUnsignedString(raw & mask(size)));
                return;
            case Type.ATE_FLOAT:
                sb.append(floating(raw, size));
                return;
            case Type.ATE_SIGNED: case Type.ATE_SIGNED_CHAR:
                sb.append(signExtend(raw, size));
                break;
            default:
                sb.append(Long.toUnsignedString(raw & mask(size)));
        }
        if (isTextual(t)) {
            sb.append(' ');
            character(sb, (int) (raw & 0xff), '\'');
        }
    }

    /** C has no one-byte integer but char: gdb shows every one-byte integer as a character too. */
    static boolean isTextual(Type t) {
        if (t.kind() != Type.Kind.BASE || t.size() != 1) {
            return false;
        }
        int e = t.encoding();
        return e == Type.ATE_SIGNED || e == Type.ATE_UNSIGNED || e == Type.ATE_SIGNED_CHAR
                || e == Type.ATE_UNSIGNED_CHAR;
    }

    private void enumerator(StringBuilder sb, Type t, byte[] b) {
        int size = (int) t.size();
        long raw = le(b, 0, size);
        if (hex) {
            sb.append("0x").append(Long.toHexString(raw & mask(size)));
            return;
        }
        long v = signExtend(raw, size);
        for (Type.Enumerator e : t.enumerators()) {
            if ((e.value() & mask(size)) == (raw & mask(size))) {
                sb.append(e.name());
                return;
            }
        }
        if (isFlagEnum(t) && v > 0) {
            long rest = v;
            StringBuilder parts = new StringBuilder();
            for (Type.Enumerator e : t.enumerators()) {
                if (e.value() != 0 && (rest & e.value()) != 0) {
                    parts.append(parts.length() == 0 ? "(" : " | ").append(e.name());
                    rest &= ~e.value();
                }
            }
            if (rest != 0) {
                parts.append(parts.length() == 0 ? "(unknown: 0x" : " | unknown: 0x").append(Long.toHexString(rest));
            }
            sb.append(parts).append(')');
            return;
        }
        sb.append(v);
    }

    /** gdb's flag enum: every enumerator is zero or a single bit, no bit used twice. */
    private static boolean isFlagEnum(Type t) {
        long seen = 0;
        for (Type.Enumerator e : t.enumerators()) {
            long v = e.value();
            if (v < 0 || Long.bitCount(v) > 1 || (seen & v) != 0) {
                return false;
            }
            seen |= v;
        }
        return !t.enumerators().isEmpty();
    }

    /** C's %g with 9 (float) or 17 (double) significant digits, as gdb writes floating-point values. */
    static String floating(long raw, int size) {
        double d;
        int digits;
        if (size == 4) {
            float f = Float.intBitsToFloat((int) raw);
            if (Float.isNaN(f)) {
                return nan((int) raw < 0, raw & 0x7fffff);
            }
            d = f;
            digits = 9;
        } else if (size == 8) {
            d = Double.longBitsToDouble(raw);
            if (Double.isNaN(d)) {
                return nan(raw < 0, raw & 0xfffffffffffffL);
            }
            digits = 17;
        } else {
            return "<float" + size * 8 + ">";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return percentG(d, digits);
    }

    private static String nan(boolean negative, long mantissa) {
        return (negative ? "-" : "") + "nan(0x" + Long.toHexString(mantissa) + ")";
    }

    static String percentG(double d, int precision) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal v = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = v.precision() - v.scale() - 1;
        String out;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = v.movePointLeft(exponent);
            String m = stripZeros(mantissa.setScale(precision - 1, RoundingMode.HALF_EVEN).toPlainString());
            out = m + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        } else {
            out = stripZeros(v.setScale(Math.max(0, precision - 1 - exponent), RoundingMode.HALF_EVEN).toPlainString());
        }
        return out;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    // ------------------------------------------------------------------ pointers

    private void pointer(StringBuilder sb, Type t, byte[] b) {
        int size = (int) t.size();
        if (b.length < size) {
            sb.append("<incomplete value>");
            return;
        }
        long p = le(b, 0, size) & mask(size);
        if (hex) {
            sb.append("0x").append(Long.toHexString(p));
            return;
        }
        Type target = t.target().resolved();
        if (target.kind() == Type.Kind.FUNCTION) {
            codeAddress(sb, p);
            return;
        }
        sb.append("0x").append(Long.toHexString(p));
        String sym = symbols == null ? null : symbols.symbolizeValue(p);
        if (sym != null) {
            sb.append(" <").append(sym).append('>');
        }
        if (isTextual(target) && p != 0) {
            sb.append(' ');
            string(sb, p);
        }
    }

    private void codeAddress(StringBuilder sb, long addr) {
        sb.append("0x").append(Long.toHexString(addr));
        String sym = symbols == null ? null : symbols.symbolizeValue(addr);
        if (sym != null) {
            sb.append(" <").append(sym).append('>');
        }
    }

    /** The string a character pointer points at: up to the NUL, at most 200 characters. */
    private void string(StringBuilder sb, long addr) {
        if (memory == null) {
            return;
        }
        byte[] chars = new byte[PRINT_MAX];
        int n = 0;
        boolean nul = false;
        try {
            while (n < PRINT_MAX) {
                byte c = memory.readBytes((int) (addr + n), 1)[0];
                if (c == 0) {
                    nul = true;
                    break;
                }
                chars[n++] = c;
            }
        } catch (MemoryAccessException e) {
            if (n == 0) {
                sb.append(String.format("<error: Cannot access memory at address 0x%x>", addr));
                return;
            }
            nul = true;
        }
        printString(sb, chars, n, !nul);
    }

    // ------------------------------------------------------------------ aggregates

    private void members(StringBuilder sb, Type t, byte[] bytes, OptionalLong address, int depth) {
        List<Type.Member> ms = t.members();
        if (ms.isEmpty() && t.size() == 0) {
            sb.append("<incomplete type>");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Type.Member m : ms) {
            if (full(sb)) {
                sb.append("...");
                break;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            if (m.name() != null) {
                sb.append(m.name()).append(" = ");
            }
            Type mt = m.type();
            if (m.isBitfield()) {
                long bits = extractBits(bytes, m.bitOffset(), m.bitSize());
                Type r = mt.resolved();
                boolean signed = r.kind() == Type.Kind.ENUM || r.kind() == Type.Kind.BASE
                        && (r.encoding() == Type.ATE_SIGNED || r.encoding() == Type.ATE_SIGNED_CHAR);
                if (signed && m.bitSize() < 64 && (bits >> (m.bitSize() - 1) & 1) == 1) {
                    bits |= -1L << m.bitSize();
                }
                append(sb, mt, toBytes(bits, (int) Math.max(1, mt.size())), OptionalLong.empty(), depth + 1);
                continue;
            }
            int off = (int) m.byteOffset();
            byte[] sub = slice(bytes, off, (int) Math.max(0, Math.min(mt.size(), bytes.length - off)));
            OptionalLong at = address.isPresent() ? OptionalLong.of(address.getAsLong() + off) : OptionalLong.empty();
            append(sb, mt, sub, at, depth + 1);
        }
        sb.append('}');
    }

    private void array(StringBuilder sb, Type t, byte[] bytes, OptionalLong address, int depth) {
        Type elem = t.elementType();
        long count = t.dimensions().isEmpty() ? -1 : t.dimensions().get(0);
        if (count < 0) {
            sb.append(address.isPresent() ? "0x" + Long.toHexString(address.getAsLong()) : "{}");
            return;
        }
        if (!hex && t.dimensions().size() == 1 && isTextual(elem.resolved()) && bytes.length >= count) {
            int len = (int) Math.min(count, bytes.length);
            boolean dropped = len > 0 && bytes[len - 1] == 0;
            printString(sb, bytes, dropped ? len - 1 : len, false);
            return;
        }
        if (summary && depth > 0) {
            sb.append("{...}");
            return;
        }
        long es = elem.size();
        sb.append('{');
        long i = 0;
        int printed = 0;
        for (; i < count && printed < PRINT_MAX; i++) {
            if (full(sb)) {
                break;
            }
            if (i > 0) {
                sb.append(", ");
            }
            byte[] e = element(bytes, i, es);
            long reps = 1;
            while (i + reps < count && java.util.Arrays.equals(e, element(bytes, i + reps, es))) {
                reps++;
            }
            OptionalLong at = address.isPresent() ? OptionalLong.of(address.getAsLong() + i * es) : OptionalLong.empty();
            append(sb, elem, e, at, depth + 1);
            if (reps > REPEAT_THRESHOLD) {
                sb.append(" <repeats ").append(reps).append(" times>");
                i += reps - 1;
                printed += REPEAT_THRESHOLD;
            } else {
                printed++;
            }
        }
        if (i < count) {
            sb.append("...");
        }
        sb.append('}');
    }

    private static byte[] element(byte[] bytes, long i, long es) {
        int off = (int) (i * es);
        return slice(bytes, off, (int) Math.max(0, Math.min(es, bytes.length - off)));
    }

    // ------------------------------------------------------------------ characters

    /**
     * gdb's string printing: runs of more than 10 equal characters as {@code 'c' <repeats N times>} between quoted
     * pieces; at most 200 characters, then {@code ...} (also when {@code more} says the string went on).
     */
    private void printString(StringBuilder sb, byte[] chars, int length, boolean more) {
        if (length == 0 && !more) {
            sb.append("\"\"");
            return;
        }
        List<int[]> runs = new ArrayList<>(); // {char, count}
        int i = 0;
        int counted = 0;
        while (i < length && counted < PRINT_MAX) {
            int c = chars[i] & 0xff;
            int n = 1;
            while (i + n < length && (chars[i + n] & 0xff) == c) {
                n++;
            }
            runs.add(new int[] {c, n});
            i += n;
            counted += n;
        }
        boolean finished = i >= length;
        boolean inQuote = false;
        boolean first = true;
        for (int[] run : runs) {
            if (run[1] > REPEAT_THRESHOLD) {
                if (inQuote) {
                    sb.append('"');
                    inQuote = false;
                }
                if (!first) {
                    sb.append(", ");
                }
                character(sb, run[0], '\'');
                sb.append(" <repeats ").append(run[1]).append(" times>");
            } else {
                if (!inQuote) {
                    if (!first) {
                        sb.append(", ");
                    }
                    sb.append('"');
                    inQuote = true;
                }
                for (int k = 0; k < run[1]; k++) {
                    escaped(sb, run[0], '"');
                }
            }
            first = false;
            if (full(sb)) {
                finished = false;
                break;
            }
        }
        if (inQuote) {
            sb.append('"');
        }
        if (more || !finished) {
            sb.append("...");
        }
    }

    /** A character in single quotes: {@code 'B'}, {@code '\n'}, {@code '\''}, {@code '\377'}. */
    private static void character(StringBuilder sb, int c, char quote) {
        sb.append(quote);
        escaped(sb, c, quote);
        sb.append(quote);
    }

    private static void escaped(StringBuilder sb, int c, char quote) {
        switch (c) {
            case 7: sb.append("\\a"); return;
            case 8: sb.append("\\b"); return;
            case 9: sb.append("\\t"); return;
            case 10: sb.append("\\n"); return;
            case 11: sb.append("\\v"); return;
            case 12: sb.append("\\f"); return;
            case 13: sb.append("\\r"); return;
            default:
                if (c >= 0x20 && c < 0x7f) {
                    if (c == quote || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append((char) c);
                } else {
                    sb.append(String.format("\\%03o", c & 0xff));
                }
        }
    }

    // ------------------------------------------------------------------ bytes

    static long le(byte[] b, int off, int size) {
        long v = 0;
        for (int i = Math.min(size, 8) - 1; i >= 0; i--) {
            v = v << 8 | (off + i < b.length ? b[off + i] & 0xff : 0);
        }
        return v;
    }

    private static byte[] toBytes(long v, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size && i < 8; i++) {
            out[i] = (byte) (v >>> (8 * i));
        }
        return out;
    }

    static long signExtend(long v, long size) {
        if (size >= 8 || size <= 0) {
            return v;
        }
        int shift = 64 - (int) size * 8;
        return v << shift >> shift;
    }

    static long mask(long size) {
        return size >= 8 ? -1L : (1L << (size * 8)) - 1;
    }

    static long extractBits(byte[] b, long bitOffset, int bitSize) {
        long v = 0;
        for (int i = bitSize - 1; i >= 0; i--) {
            long bit = bitOffset + i;
            int byteIndex = (int) (bit / 8);
            int set = byteIndex < b.length ? (b[byteIndex] >> (bit % 8)) & 1 : 0;
            v = v << 1 | set;
        }
        return v;
    }

    static byte[] slice(byte[] b, int off, int len) {
        byte[] out = new byte[Math.max(len, 0)];
        if (len > 0 && off >= 0 && off + len <= b.length) {
            System.arraycopy(b, off, out, 0, len);
        }
        return out;
    }
}
