package dev.backstep.debuginfo;

/**
 * Registers of one frame, numbered as DWARF numbers them for RISC-V: x0..x31 are 0..31, f0..f31 are 32..63.
 * {@link #available(int)} lets an unwound frame say that a register's value is not known there
 * (a caller-saved register the callee did not preserve).
 */
public interface RegisterReader {
    int reg(int dwarfRegNo);

    int pc();

    /**
     * A register of up to 64 bits: DWARF numbers 32..63 are the float registers f0..f31 (64 bits with D; a single is
     * NaN-boxed in the low half). The integer registers read as {@link #reg} zero-extended.
     */
    default long reg64(int dwarfRegNo) {
        return reg(dwarfRegNo) & 0xffffffffL;
    }

    default boolean available(int dwarfRegNo) {
        return true;
    }

    /**
     * A control and status register of the hart ({@code mtvec}, {@code mepc}, {@code mcause}), empty when unknown.
     * CSRs are the machine's, not a frame's: the unwinder reads them to find trap handlers and what they interrupted.
     */
    default java.util.OptionalLong csr(int number) {
        return java.util.OptionalLong.empty();
    }

    /** Registers from an array indexed by DWARF number (x0..x31), plus a pc. */
    static RegisterReader of(int pc, int[] regs) {
        int[] copy = regs.clone();
        return new RegisterReader() {
            @Override
            public int reg(int n) {
                return n == 0 ? 0 : n < copy.length ? copy[n] : 0;
            }

            @Override
            public int pc() {
                return pc;
            }

            @Override
            public boolean available(int n) {
                return n >= 0 && n < copy.length;
            }
        };
    }
}
