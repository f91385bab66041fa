package dev.backstep.session.internal;

import dev.backstep.session.ExceptionDetails;

/** Names of RISC-V machine-mode trap causes. */
final class Traps {
    private Traps() {
    }

    private static final String[] EXCEPTIONS = {"instruction address misaligned", "instruction access fault",
        "illegal instruction", "breakpoint", "load address misaligned", "load access fault",
        "store/AMO address misaligned", "store/AMO access fault", "environment call from U-mode",
        "environment call from S-mode", "reserved (10)", "environment call from M-mode", "instruction page fault",
        "load page fault", "reserved (14)", "store/AMO page fault"};

    static String name(int mcause) {
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

    static ExceptionDetails details(int mcause, int pc, int tval) {
        String name = name(mcause);
        String desc = String.format("%s (mcause 0x%08x) at pc 0x%08x, mtval 0x%08x", name, mcause, pc, tval);
        return new ExceptionDetails(name, desc, mcause < 0, mcause, pc, tval);
    }
}
