package dev.backstep.session.internal;

import dev.backstep.session.ExceptionDetails;

/** Names of RISC-V machine-mode trap causes. */
final class Traps {
    private Traps() {
    }

    static String name(int mcause) {
        return dev.backstep.debuginfo.frame.TrapNames.of(mcause);
    }

    /** A TRAP stop of a trap loop (the hart re-enters a faulting trap without retiring an instruction). */
    static boolean isLoop(dev.backstep.replay.stop.TimelineStop r) {
        return r.message() != null && r.message().contains("trap loop");
    }

    static ExceptionDetails details(int mcause, int pc, int tval) {
        return details(mcause, pc, tval, false);
    }

    static ExceptionDetails details(int mcause, int pc, int tval, boolean loop) {
        String name = name(mcause);
        String desc = String.format("%s%s (mcause 0x%08x) at pc 0x%08x, mtval 0x%08x", loop ? "trap loop: " : "", name,
                mcause, pc, tval);
        return new ExceptionDetails(name, desc, mcause < 0, mcause, pc, tval);
    }
}
