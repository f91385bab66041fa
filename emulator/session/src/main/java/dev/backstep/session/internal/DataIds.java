package dev.backstep.session.internal;

/**
 * Data breakpoint ids: "0x&lt;address&gt;/&lt;size&gt;", followed by a space and the expression it was made for when
 * there is one ("0x80000f9c/4 config.alarm_limit"): a client that keeps the id across sessions can then have the
 * expression resolved again in the new program instead of watching an address that may mean something else now.
 */
final class DataIds {
    private DataIds() {
    }

    static String of(long address, long size, String expression) {
        String id = String.format("0x%08x/%d", address, size);
        return expression == null || expression.isBlank() ? id : id + " " + expression.strip();
    }

    /** {address, size}, or null when malformed. */
    static long[] parse(String id) {
        if (id == null) {
            return null;
        }
        String[] parts = range(id).split("/");
        if (parts.length != 2) {
            return null;
        }
        try {
            String a = parts[0].trim();
            long addr = a.startsWith("0x") || a.startsWith("0X") ? Long.parseLong(a.substring(2), 16) : Long.parseLong(a);
            long size = Long.parseLong(parts[1].trim());
            if (addr < 0 || addr > 0xffffffffL || size <= 0 || size > 1 << 20) {
                return null;
            }
            return new long[] {addr, size};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The expression the id was made for, or null (an id of a bare address). */
    static String expression(String id) {
        if (id == null) {
            return null;
        }
        String t = id.strip();
        int space = t.indexOf(' ');
        return space < 0 ? null : t.substring(space + 1).strip();
    }

    /** What the user knows the breakpoint as: the expression, else the address and size. */
    static String label(String id) {
        String e = expression(id);
        if (e != null && !e.isEmpty()) {
            return e;
        }
        long[] r = parse(id);
        return r == null ? String.valueOf(id) : String.format("0x%08x (%d bytes)", r[0], r[1]);
    }

    private static String range(String id) {
        String t = id.strip();
        int space = t.indexOf(' ');
        return space < 0 ? t : t.substring(0, space);
    }
}
