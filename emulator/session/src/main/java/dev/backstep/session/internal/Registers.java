package dev.backstep.session.internal;

import dev.backstep.machine.RegisterNames;

/** The machine-mode CSRs the debugger shows, and register lookups by name (names: {@link RegisterNames}). */
final class Registers {
    private Registers() {
    }

    record Csr(int number, String name) {
    }

    static final Csr[] CSRS = {
        new Csr(0x300, "mstatus"), new Csr(0x301, "misa"), new Csr(0x304, "mie"), new Csr(0x305, "mtvec"),
        new Csr(0x340, "mscratch"), new Csr(0x341, "mepc"), new Csr(0x342, "mcause"), new Csr(0x343, "mtval"),
        new Csr(0x344, "mip"), new Csr(0xB00, "mcycle"), new Csr(0xB02, "minstret"), new Csr(0xF14, "mhartid"),
    };

    /** Register number for "a0", "x10", "fp", "s0"; -1 if not a register name. */
    static int number(String name) {
        return RegisterNames.number(name);
    }

    static Csr csr(String name) {
        for (Csr c : CSRS) {
            if (c.name.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    static String hex(int v) {
        return String.format("0x%08x", v);
    }
}
