package dev.backstep.session.internal;

/** Data breakpoint ids: "0x&lt;address&gt;/&lt;size&gt;". */
final class DataIds {
    private DataIds() {
    }

    static String of(long address, long size) {
        return String.format("0x%08x/%d", address, size);
    }

    /** {address, size}, or null when malformed. */
    static long[] parse(String id) {
        if (id == null) {
            return null;
        }
        String[] parts = id.trim().split("/");
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
}
