package dev.backstep.machine.fpu;

/**
 * The accrued exception flags of the F and D extensions ({@code fflags}), in their CSR bit positions.
 *
 * <p>One instance belongs to the caller (the hart keeps it as its {@code fflags} storage); every
 * operation ORs the flags it raises into {@link #bits}, so an operation allocates nothing and a
 * translated block can hand the same object to every call.
 */
public final class FpFlags {
    /** Inexact. */
    public static final int NX = 0x01;
    /** Underflow (tiny after rounding, and inexact). */
    public static final int UF = 0x02;
    /** Overflow. */
    public static final int OF = 0x04;
    /** Divide by zero. */
    public static final int DZ = 0x08;
    /** Invalid operation. */
    public static final int NV = 0x10;
    /** All five flags. */
    public static final int ALL = 0x1F;

    /** The accrued flags; operations only ever set bits here. */
    public int bits;

    /** Names of the flags set in {@code flags}, e.g. "NV|NX", or "-" when none. */
    public static String describe(int flags) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"NX", "UF", "OF", "DZ", "NV"};
        for (int i = names.length - 1; i >= 0; i--) {
            if ((flags & (1 << i)) != 0) {
                sb.append(sb.length() == 0 ? "" : "|").append(names[i]);
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    @Override
    public String toString() {
        return describe(bits);
    }
}
