package dev.backstep.session.internal;

import java.util.Locale;

/** RISC-V integer register names (ABI) and the machine-mode CSRs the debugger shows. */
final class Registers {
    private Registers() {
    }

    static final String[] ABI = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3",
        "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

    record Csr(int number, String name) {
    }

    static final Csr[] CSRS = {
        new Csr(0x300, "mstatus"), new Csr(0x301, "misa"), new Csr(0x304, "mie"), new Csr(0x305, "mtvec"),
        new Csr(0x340, "mscratch"), new Csr(0x341, "mepc"), new Csr(0x342, "mcause"), new Csr(0x343, "mtval"),
        new Csr(0x344, "mip"), new Csr(0xB00, "mcycle"), new Csr(0xB02, "minstret"), new Csr(0xF14, "mhartid"),
    };

    /** Register number for "a0", "x10", "fp", "s0"; -1 if not a register name. */
    static int number(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("fp")) {
            return 8;
        }
        for (int i = 0; i < ABI.length; i++) {
            if (ABI[i].equals(n)) {
                return i;
            }
        }
        if (n.length() > 1 && n.charAt(0) == 'x') {
            try {
                int r = Integer.parseInt(n.substring(1));
                return r >= 0 && r < 32 ? r : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
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
