package dev.backstep.dap.launch;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as the launch configuration writes them: "128M", "64MiB", "1G", "4096", or a JSON number of bytes.
 * The command line's --ram takes the same forms.
 */
public final class SizeParser {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:([KMGT])(?:I?B)?|B)?");

    private SizeParser() {
    }

    /** Bytes, or an IllegalArgumentException whose message says what is wrong (without the attribute name). */
    public static long parse(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || d <= 0 || d > Long.MAX_VALUE) {
                throw new IllegalArgumentException("must be a positive whole number of bytes, got " + value);
            }
            return (long) d;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("must be a size such as \"128M\", got " + Json.describe(value));
        }
        Matcher m = SIZE.matcher(s.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a size such as \"128M\", \"64MiB\" or \"1G\", got \"" + s + "\"");
        }
        int shift = m.group(2) == null ? 0 : switch (m.group(2).charAt(0)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 40;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n <= 0) {
                throw new IllegalArgumentException("must be positive, got \"" + s + "\"");
            }
            return Math.multiplyExact(n, 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("is too large: \"" + s + "\"");
        }
    }
}
