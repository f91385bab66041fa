package dev.backstep.gdbserver;

import dev.backstep.machine.Hart;
import dev.backstep.machine.RegisterNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * gdb's register numbers for rv32, as in gdb's own riscv register numbering (and QEMU's): x0-x31 are
 * 0-31, pc is 32, 33-64 would be the FPU (absent), CSR n is 65 + n. The 'g' packet carries x0-x31
 * and pc; gdb fetches CSRs one by one with 'p'.
 */
final class RegisterMap {
    static final int PC = 32;
    static final int FIRST_CSR = 65;
    static final int G_PACKET_REGS = 33;

    private final List<Integer> csrs;

    /** @param hart used only to learn which CSRs exist */
    RegisterMap(Hart hart) {
        List<Integer> l = new ArrayList<>();
        for (int n = 0; n < 4096; n++) {
            if (hart.hasCsr(n) && RegisterNames.csr(n) != null) {
                l.add(n);
            }
        }
        csrs = Collections.unmodifiableList(l);
    }

    static String gprName(int reg) {
        // gdb's riscv target description calls x8 "fp"
        return reg == 8 ? "fp" : RegisterNames.abi(reg);
    }

    List<Integer> csrs() {
        return csrs;
    }

    boolean exists(int regnum) {
        return (regnum >= 0 && regnum <= PC) || (regnum >= FIRST_CSR && csrs.contains(regnum - FIRST_CSR));
    }

    int read(Hart h, int regnum) {
        if (regnum < PC) {
            return h.x(regnum);
        }
        if (regnum == PC) {
            return h.pc();
        }
        return h.csr(regnum - FIRST_CSR);
    }
}
