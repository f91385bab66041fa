package dev.backstep.machine;

/**
 * The mask ROM QEMU virt executes at 0x1000 before the program (with {@code -bios none}):
 * six instructions that set a0 = mhartid, a1 = device-tree address, a2 = address of the
 * fw_dynamic info block, and jump to the start of RAM (not the ELF entry: QEMU 7.2 jumps to
 * 0x8000_0000), followed by the data words they read.
 */
final class ResetRom {
    static final int INSTRUCTIONS = 6;
    private static final int T0 = 5, A0 = 10, A1 = 11, A2 = 12;
    private static final int FW_DYNAMIC_MAGIC = 0x4942534f;

    private ResetRom() {
    }

    private static int iType(int opcode, int f3, int rd, int rs1, int imm) {
        return (imm << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode;
    }

    static int[] words(long ramSize, int kernelStart) {
        long ramEnd = Integer.toUnsignedLong(MachineConfig.RAM_BASE) + ramSize;
        long top = Math.min(ramEnd, 3L << 30);
        int fdt = (int) ((top - 0x2000) & ~0x1F_FFFFL);
        return new int[] {
            (T0 << 7) | 0x17,                      // auipc t0, 0
            iType(0x13, 0, A2, T0, 0x28),          // addi  a2, t0, 40   -> fw_dynamic info
            iType(0x73, 2, A0, 0, 0xF14),          // csrr  a0, mhartid
            iType(0x03, 2, A1, T0, 0x20),          // lw    a1, 32(t0)   -> fdt address
            iType(0x03, 2, T0, T0, 0x18),          // lw    t0, 24(t0)   -> start address
            iType(0x67, 0, 0, T0, 0),              // jr    t0
            MachineConfig.RAM_BASE, 0,             // start address (64-bit)
            fdt, 0,                                // fdt address (64-bit)
            FW_DYNAMIC_MAGIC, 2, kernelStart, 1, 0, 0, // fw_dynamic_info: magic, version, next addr/mode, options, hart
        };
    }

    /** kernelStart: lowest load address of the program (QEMU's fw_dynamic "next address"). */
    static void install(byte[] rom, long ramSize, int kernelStart) {
        java.util.Arrays.fill(rom, (byte) 0);
        int[] w = words(ramSize, kernelStart);
        for (int i = 0; i < w.length; i++) {
            Ram.I32.set(rom, 4 * i, w[i]);
        }
    }
}
