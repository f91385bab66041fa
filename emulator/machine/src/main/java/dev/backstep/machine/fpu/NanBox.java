package dev.backstep.machine.fpu;

/**
 * NaN-boxing of singles in the 64-bit registers of a hart with D: a single is held with the upper 32
 * bits all ones; any other upper half makes the register read as the canonical single NaN.
 */
public final class NanBox {
    private static final long BOX = 0xFFFF_FFFF_0000_0000L;

    private NanBox() {
    }

    /** The register value holding single {@code s}. */
    public static long box(int s) {
        return BOX | (s & 0xFFFF_FFFFL);
    }

    /** The single a register holds: its low half when properly boxed, else the canonical NaN. */
    public static int unbox(long reg) {
        return (reg & BOX) == BOX ? (int) reg : F32.CANONICAL_NAN;
    }

    /** True when the register holds a properly boxed single. */
    public static boolean isBoxed(long reg) {
        return (reg & BOX) == BOX;
    }
}
