package dev.backstep.machine;

import java.io.ByteArrayOutputStream;

/** A tiny RV32 assembler for tests: each method appends one instruction (little-endian). */
final class Asm {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    int pc() {
        return MachineConfig.RAM_BASE + out.size();
    }

    Asm word(int w) {
        out.write(w);
        out.write(w >>> 8);
        out.write(w >>> 16);
        out.write(w >>> 24);
        return this;
    }

    Asm half(int h) {
        out.write(h);
        out.write(h >>> 8);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static int r(int f7, int rs2, int rs1, int f3, int rd, int opc) {
        return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opc;
    }

    static int i(int imm, int rs1, int f3, int rd, int opc) {
        return imm << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opc;
    }

    static int s(int imm, int rs2, int rs1, int f3, int opc) {
        return (imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 31) << 7 | opc;
    }

    static int b(int imm, int rs2, int rs1, int f3) {
        return ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12
                | ((imm >> 1) & 0xF) << 8 | ((imm >> 11) & 1) << 7 | 0x63;
    }

    static int j(int imm, int rd) {
        return ((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3FF) << 21 | ((imm >> 11) & 1) << 20
                | ((imm >> 12) & 0xFF) << 12 | rd << 7 | 0x6F;
    }

    /** li rd, value (lui + addi). */
    Asm li(int rd, int v) {
        int lo = (v << 20) >> 20;
        int hi = v - lo;
        if (hi != 0) {
            word(hi | rd << 7 | 0x37);
            return word(i(lo & 0xFFF, rd, 0, rd, 0x13));
        }
        return word(i(lo & 0xFFF, 0, 0, rd, 0x13));
    }

    Asm addi(int rd, int rs1, int imm) { return word(i(imm & 0xFFF, rs1, 0, rd, 0x13)); }
    Asm op(int f7, int f3, int rd, int rs1, int rs2) { return word(r(f7, rs2, rs1, f3, rd, 0x33)); }
    Asm add(int rd, int rs1, int rs2) { return op(0, 0, rd, rs1, rs2); }
    Asm lw(int rd, int rs1, int imm) { return word(i(imm & 0xFFF, rs1, 2, rd, 0x03)); }
    Asm load(int f3, int rd, int rs1, int imm) { return word(i(imm & 0xFFF, rs1, f3, rd, 0x03)); }
    Asm sw(int rs2, int rs1, int imm) { return word(s(imm, rs2, rs1, 2, 0x23)); }
    Asm store(int f3, int rs2, int rs1, int imm) { return word(s(imm, rs2, rs1, f3, 0x23)); }
    Asm csrrw(int rd, int csr, int rs1) { return word(i(csr, rs1, 1, rd, 0x73)); }
    Asm csrrs(int rd, int csr, int rs1) { return word(i(csr, rs1, 2, rd, 0x73)); }
    Asm csrrc(int rd, int csr, int rs1) { return word(i(csr, rs1, 3, rd, 0x73)); }
    Asm csrr(int rd, int csr) { return csrrs(rd, csr, 0); }
    Asm csrw(int csr, int rs1) { return csrrw(0, csr, rs1); }
    Asm ecall() { return word(0x73); }
    Asm ebreak() { return word(0x00100073); }
    Asm mret() { return word(0x30200073); }
    Asm wfi() { return word(0x10500073); }
    Asm amo(int f5, int rd, int rs1, int rs2) { return word(r(f5 << 2, rs2, rs1, 2, rd, 0x2F)); }
    /** jal x0, 0: spin forever. */
    Asm spin() { return word(j(0, 0)); }
    Asm jal(int rd, int off) { return word(j(off, rd)); }
    Asm beq(int rs1, int rs2, int off) { return word(b(off, rs2, rs1, 0)); }
    Asm bne(int rs1, int rs2, int off) { return word(b(off, rs2, rs1, 1)); }
    /** sw of 0x5555 to the test finisher, using t6. */
    Asm pass() { return li(31, 0x100000).li(30, 0x5555).sw(30, 31, 0); }
}
