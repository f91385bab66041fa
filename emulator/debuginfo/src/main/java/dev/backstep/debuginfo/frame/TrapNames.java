package dev.backstep.debuginfo.frame;

/** Names of RISC-V trap causes ({@code mcause}), as the privileged specification words them. */
public final class TrapNames {
    private TrapNames() {
    }

    private static final String[] EXCEPTIONS = {"instruction address misaligned", "instruction access fault",
        "illegal instruction", "breakpoint", "load address misaligned", "load access fault",
        "store/AMO address misaligned", "store/AMO access fault", "environment call from U-mode",
        "environment call from S-mode", "reserved (10)", "environment call from M-mode", "instruction page fault",
        "load page fault", "reserved (14)", "store/AMO page fault"};

    /** The cause's name: {@code machine timer interrupt}, {@code illegal instruction}. */
    public static String of(int mcause) {
        int code = mcause & 0x7fffffff;
        if (mcause < 0) {
            return switch (code) {
                case 1 -> "supervisor software interrupt";
                case 3 -> "machine software interrupt";
                case 5 -> "supervisor timer interrupt";
                case 7 -> "machine timer interrupt";
                case 9 -> "supervisor external interrupt";
                case 11 -> "machine external interrupt";
                default -> "interrupt " + code;
            };
        }
        return code < EXCEPTIONS.length ? EXCEPTIONS[code] : "exception " + code;
    }
}
