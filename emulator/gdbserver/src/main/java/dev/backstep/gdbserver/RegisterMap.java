package dev.backstep.gdbserver;

import dev.backstep.machine.Hart;
import dev.backstep.machine.RegisterNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * gdb's register numbers for rv32, as in gdb's own riscv register numbering (and QEMU's): x0-x31 are
 * 0-31, pc is 32, f0-f31 are 33-64 when the ISA has F (32 or 64 bits wide: F or D), CSR n is 65 + n (fflags, frm
 * and fcsr are 66-68, described in the FPU feature). The 'g' packet carries x0-x31 and pc; gdb fetches float
 * registers and CSRs one by one with 'p'.
 */
final class RegisterMap {
    static final int PC = 32;
    static final int FIRST_FPR = 33;
    static final int FIRST_CSR = 65;
    static final int G_PACKET_REGS = 33;

    private final List<Integer> csrs;
    /** 0 without F, else 32 or 64. */
    private final int floatBits;

    /** @param hart used only to learn which CSRs exist */
    RegisterMap(Hart hart) {
        List<Integer> l = new ArrayList<>();
        for (int n = 0; n < 4096; n++) {
            if (hart.hasCsr(n) && RegisterNames.csr(n) != null) {
                l.add(n);
            }
        }
        csrs = Collections.unmodifiableList(l);
        floatBits = hart.isa().floatWidth();
    }

    /** Bits of a float register (0: the ISA has no F). */
    int floatBits() {
        return floatBits;
    }

    static boolean isFloatCsr(int csr) {
        return csr >= 1 && csr <= 3;
    }

    boolean isFloat(int regnum) {
        return floatBits > 0 && regnum >= FIRST_FPR && regnum < FIRST_FPR + 32;
    }

    /** A float register as gdb's 'p' reply: 8 or 16 hex digits, little-endian. */
    String readFloat(Hart h, int regnum) {
        long v = h.f(regnum - FIRST_FPR);
        String lo = Hex.le32((int) v);
        return floatBits == 64 ? lo + Hex.le32((int) (v >>> 32)) : lo;
    }

    static String gprName(int reg) {
        // gdb's riscv target description calls x8 "fp"
        return reg == 8 ? "fp" : RegisterNames.abi(reg);
    }

    List<Integer> csrs() {
        return csrs;
    }

    boolean exists(int regnum) {
        return (regnum >= 0 && regnum <= PC) || isFloat(regnum)
                || (regnum >= FIRST_CSR && csrs.contains(regnum - FIRST_CSR));
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
