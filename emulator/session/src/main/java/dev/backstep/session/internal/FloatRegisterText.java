package dev.backstep.session.internal;

import dev.backstep.machine.fpu.FpFlags;
import dev.backstep.machine.fpu.NanBox;
import dev.backstep.machine.fpu.RoundingMode;

/**
 * How the float registers read in the Registers views (DAP, Eclipse, the console's {@code info float}): the value
 * the register holds, then its bits. With D a register holding a NaN-boxed single shows the single
 * ({@code 1.5f (0xffffffff3fc00000)}); anything else shows as a double.
 */
final class FloatRegisterText {
    /** The scope's name in the Registers views. */
    static final String SCOPE = "Float Registers";

    private FloatRegisterText() {
    }

    static String value(long bits, int width) {
        if (width == 32 || NanBox.isBoxed(bits)) {
            float f = Float.intBitsToFloat((int) bits);
            String hex = width == 32 ? String.format("0x%08x", (int) bits) : String.format("0x%016x", bits);
            return number(f, true) + " (" + hex + ")";
        }
        return number(Double.longBitsToDouble(bits), false) + String.format(" (0x%016x)", bits);
    }

    private static String number(double d, boolean single) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String s = single ? Float.toString((float) d) : Double.toString(d);
        return single ? s + "f" : s;
    }

    static String fflags(int flags) {
        return String.format("0x%02x (%s)", flags, FpFlags.describe(flags));
    }

    static String frm(int frm) {
        return frm + " (" + (RoundingMode.isValid(frm) ? RoundingMode.name(frm) : "reserved") + ")";
    }
}
