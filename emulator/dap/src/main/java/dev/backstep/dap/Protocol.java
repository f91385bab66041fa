package dev.backstep.dap;

import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.lsp4j.debug.Source;

/** Small conversions between DAP's text forms and Backstep's values. */
final class Protocol {
    private Protocol() {
    }

    /** A guest address as DAP shows it: RV32 addresses are 32 bits, so a sign-extended one is shown as the hart sees it. */
    static String hex(long address) {
        return String.format(Locale.ROOT, "0x%08x", address & 0xFFFF_FFFFL);
    }

    /** A DAP memory or instruction reference: "0x80000000", "80000000h" is not accepted, decimal is. */
    static long parseAddress(String reference, String attribute) {
        if (reference == null || reference.isBlank()) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'" + attribute + "' is required");
        }
        String s = reference.trim();
        try {
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16)
                    : Long.parseLong(s);
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'" + attribute
                    + "' must be a 32-bit address such as 0x80000000, got '" + DapLimits.preview(reference) + "'");
        }
    }

    static Source source(String path) {
        if (path == null) {
            return null;
        }
        Source s = new Source();
        s.setPath(path);
        Path fileName = Path.of(path).getFileName();
        s.setName(fileName == null ? path : fileName.toString());
        return s;
    }

    static int orDefault(Integer v, int dflt) {
        return v == null ? dflt : v;
    }
}
