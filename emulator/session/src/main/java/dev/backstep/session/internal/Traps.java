package dev.backstep.session.internal;

import dev.backstep.session.ExceptionDetails;

/** Names of RISC-V machine-mode trap causes. */
final class Traps {
    private Traps() {
    }

    static String name(int mcause) {
        return dev.backstep.debuginfo.frame.TrapNames.of(mcause);
    }

    static ExceptionDetails details(int mcause, int pc, int tval) {
        String name = name(mcause);
        String desc = String.format("%s (mcause 0x%08x) at pc 0x%08x, mtval 0x%08x", name, mcause, pc, tval);
        return new ExceptionDetails(name, desc, mcause < 0, mcause, pc, tval);
    }
}
