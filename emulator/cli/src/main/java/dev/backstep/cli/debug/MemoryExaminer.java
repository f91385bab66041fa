package dev.backstep.cli.debug;

import dev.backstep.session.DebugSession;
import dev.backstep.session.Instruction;
import dev.backstep.session.MemoryBlock;
import dev.backstep.session.SessionException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gdb's {@code x/NFU ADDR}: N units of memory from ADDR, in format F (x hex, d signed, u unsigned, o octal, t binary,
 * c char, s string, i instruction) and unit U (b, h, w, g bytes). Format and unit stick between uses, as in gdb.
 */
final class MemoryExaminer {
    private static final Pattern SPEC = Pattern.compile("(\\d*)([xduotcsi]?)([bhwg]?)([xduotcsi]?)");

    private final DebugSession session;
    private final PrintStream out;
    private char format = 'x';
    private int unit = 4;
    private long next = -1;

    MemoryExaminer(DebugSession session, PrintStream out) {
        this.session = session;
        this.out = out;
    }

    /** @param spec what followed the slash ("4xw", "s", ""); @param address where to start, or -1 to go on */
    void examine(String spec, long address) throws SessionException {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("x/" + spec + ": expected x/NFU with F one of x d u o t c s i and U one of b h w g");
        }
        int count = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
        String f = !m.group(2).isEmpty() ? m.group(2) : m.group(4);
        if (!f.isEmpty()) {
            format = f.charAt(0);
        }
        if (!m.group(3).isEmpty()) {
            unit = switch (m.group(3).charAt(0)) {
                case 'b' -> 1;
                case 'h' -> 2;
                case 'g' -> 8;
                default -> 4;
            };
        } else if (!f.isEmpty() && format == 'c') {
            unit = 1;
        }
        if (address < 0) {
            if (next < 0) {
                throw new IllegalArgumentException("x: no address (x/FMT ADDRESS)");
            }
            address = next;
        }
        if (count < 1 || count > 4096) {
            throw new IllegalArgumentException("x: count must be 1..4096");
        }
        switch (format) {
            case 'i' -> instructions(address, count);
            case 's' -> strings(address, count);
            default -> units(address, count);
        }
    }

    private void instructions(long address, int count) throws SessionException {
        List<Instruction> list = session.disassemble(address, 0, count);
        for (Instruction i : list) {
            out.printf("   0x%08x%s:\t%s%n", i.address(), i.symbol() != null ? " <" + i.symbol() + ">" : "", i.text());
            next = i.address() + i.bytes().length() / 2;
        }
    }

    private void strings(long address, int count) throws SessionException {
        long at = address;
        for (int n = 0; n < count; n++) {
            MemoryBlock b = session.readMemory(at, 256);
            int len = 0;
            while (len < b.bytes().length && b.bytes()[len] != 0) {
                len++;
            }
            String text = new String(b.bytes(), 0, len, StandardCharsets.ISO_8859_1);
            out.printf("0x%08x:\t\"%s\"%s%n", at, escape(text), len == b.bytes().length ? "..." : "");
            at += len + 1;
        }
        next = at;
    }

    private void units(long address, int count) throws SessionException {
        MemoryBlock b = session.readMemory(address, count * unit);
        int perLine = format == 'c' ? 8 : Math.max(1, 16 / unit);
        int have = b.bytes().length / unit;
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < have; i++) {
            if (i % perLine == 0) {
                if (line.length() > 0) {
                    out.println(line);
                }
                line.setLength(0);
                line.append(String.format("0x%08x:", address + (long) i * unit));
            }
            long v = 0;
            for (int k = unit - 1; k >= 0; k--) {
                v = (v << 8) | (b.bytes()[i * unit + k] & 0xFF);
            }
            line.append('\t').append(render(v));
        }
        if (line.length() > 0) {
            out.println(line);
        }
        if (have < count) {
            out.printf("cannot read memory at 0x%08x%n", address + (long) have * unit);
        }
        next = address + (long) have * unit;
    }

    private String render(long v) {
        int bits = unit * 8;
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        long u = v & mask;
        long signed = bits == 64 ? v : (u << (64 - bits)) >> (64 - bits);
        return switch (format) {
            case 'd' -> Long.toString(signed);
            case 'u' -> Long.toUnsignedString(u);
            case 'o' -> "0" + Long.toOctalString(u);
            case 't' -> String.format("%" + bits + "s", Long.toBinaryString(u)).replace(' ', '0');
            case 'c' -> signed + " '" + escape(String.valueOf((char) (u & 0xFF))) + "'";
            default -> String.format("0x%0" + unit * 2 + "x", u);
        };
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append("\\0");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\%03o", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
