package dev.backstep.machine.fpu;

/** The rounding modes of the F and D extensions, as encoded in an instruction's rm field and in {@code frm}. */
public final class RoundingMode {
    /** Round to nearest, ties to even. */
    public static final int RNE = 0;
    /** Round towards zero. */
    public static final int RTZ = 1;
    /** Round down (towards negative infinity). */
    public static final int RDN = 2;
    /** Round up (towards positive infinity). */
    public static final int RUP = 3;
    /** Round to nearest, ties to max magnitude. */
    public static final int RMM = 4;
    /** In an instruction's rm field: use {@code frm}. */
    public static final int DYN = 7;

    private RoundingMode() {
    }

    /**
     * The rounding mode an instruction uses: its rm field, or {@code frm} when the field says DYN.
     * Returns -1 when the result is reserved (5, 6, or DYN with {@code frm} holding 5..7): the
     * instruction is then illegal.
     */
    public static int effective(int instructionRm, int frm) {
        int rm = instructionRm == DYN ? frm : instructionRm;
        return rm >= RNE && rm <= RMM ? rm : -1;
    }

    /** True for the five modes an operation accepts. */
    public static boolean isValid(int rm) {
        return rm >= RNE && rm <= RMM;
    }

    /** "rne", "rtz", "rdn", "rup", "rmm" (assembler spelling). */
    public static String name(int rm) {
        return switch (rm) {
            case RNE -> "rne";
            case RTZ -> "rtz";
            case RDN -> "rdn";
            case RUP -> "rup";
            case RMM -> "rmm";
            case DYN -> "dyn";
            default -> "rm" + rm;
        };
    }
}
