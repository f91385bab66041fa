package dev.backstep.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random RV32IMAC programs for differential tests of the translator: counted loops (so that code gets hot)
 * around random bodies of ALU, M, compressed, load/store (into a two-page RAM window, misaligned and page-crossing
 * included, and now and then to unmapped, ROM or device addresses), forward branches and jumps, CSR reads and
 * writes, ecall/ebreak/illegal words (a handler skips them), atomics, fence.i, and self-modifying stores into the
 * loop's own code. Ends at the test finisher.
 *
 * <p>Registers: x2 (sp) and x8 point into the data window, x9 counts loop iterations, x28-x31 belong to jumps,
 * self-modification and the trap handler; the others are fair game.
 */
final class RandomProgram {
    static final int WINDOW = MachineConfig.RAM_BASE + 0x11000; // x8: the middle of two pages
    static final int HANDLER = MachineConfig.RAM_BASE + 0x8000;
    private static final int[] FREE = {1, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
        25, 26, 27};
    private static final int[] WILD = {0x0, 0x1000, 0x1ffc, 0x1000_0000, 0x1000_0005, 0x0200_bff8, 0x0200_4000,
        0x0c00_0004, 0x0010_1000, 0x7fff_fffc, WINDOW + 0xffe, WINDOW - 0x1001};

    private final Random rnd;
    /** Each piece of the body: its bytes, emitted later once branch offsets are known. */
    private final List<Piece> body = new ArrayList<>();

    private interface Piece {
        int size();

        void emit(Asm a, int[] offsets, int self);
    }

    private RandomProgram(long seed) {
        rnd = new Random(seed);
    }

    /** The program for a seed: code at the start of RAM, the trap handler at {@link #HANDLER}. */
    static byte[] generate(long seed) {
        return new RandomProgram(seed).build();
    }

    private int free() {
        return FREE[rnd.nextInt(FREE.length)];
    }

    private int reg() {
        return rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(32);
    }

    /** A compressed register x8..x15 that may be written (not x8, x9). */
    private int cfree() {
        return 10 + rnd.nextInt(6);
    }

    private byte[] build() {
        Asm a = new Asm();
        a.li(31, HANDLER).csrw(0x305, 31);
        a.li(8, WINDOW).li(2, WINDOW + 0x400);
        for (int r : FREE) {
            a.li(r, rnd.nextInt());
        }
        int loops = 3 + rnd.nextInt(5);
        for (int l = 0; l < loops; l++) {
            loop(a);
        }
        a.pass();
        a.spin();
        byte[] code = a.bytes();
        if (code.length > HANDLER - MachineConfig.RAM_BASE) {
            throw new IllegalStateException("program too long: " + code.length);
        }
        byte[] image = new byte[HANDLER - MachineConfig.RAM_BASE + 64];
        System.arraycopy(code, 0, image, 0, code.length);
        // handler: skip the 4-byte instruction that trapped
        Asm h = new Asm().csrr(31, 0x341).addi(31, 31, 4).csrw(0x341, 31).mret();
        System.arraycopy(h.bytes(), 0, image, HANDLER - MachineConfig.RAM_BASE, h.bytes().length);
        return image;
    }

    private void loop(Asm a) {
        body.clear();
        int pieces = 4 + rnd.nextInt(24);
        for (int p = 0; p < pieces; p++) {
            piece(pieces - p - 1);
        }
        a.li(9, 2 + rnd.nextInt(60));
        int top = a.pc();
        int[] offsets = new int[body.size() + 1];
        int off = 0;
        for (int p = 0; p < body.size(); p++) {
            offsets[p] = off;
            off += body.get(p).size();
        }
        offsets[body.size()] = off;
        for (int p = 0; p < body.size(); p++) {
            body.get(p).emit(a, offsets, p);
        }
        a.addi(9, 9, -1);
        a.bne(9, 0, top - a.pc());
    }

    private void add(int word) {
        body.add(new Word(word));
    }

    private void addHalf(int half) {
        body.add(new Half(half));
    }

    private record Word(int w) implements Piece {
        public int size() {
            return 4;
        }

        public void emit(Asm a, int[] offsets, int self) {
            a.word(w);
        }
    }

    private record Half(int h) implements Piece {
        public int size() {
            return 2;
        }

        public void emit(Asm a, int[] offsets, int self) {
            a.half(h);
        }
    }

    /** A forward branch or jump over the next `skip` pieces: 0-5 branches, 6 jal, 7 c.j, 8 c.beqz, 9 c.bnez. */
    private record Forward(int kind, int rs1, int rs2, int rd, int skip) implements Piece {
        public int size() {
            return kind >= 7 ? 2 : 4;
        }

        public void emit(Asm a, int[] offsets, int self) {
            int to = Math.min(self + 1 + skip, offsets.length - 1);
            int off = offsets[to] - offsets[self];
            switch (kind) {
                case 6 -> a.jal(rd, off);
                case 7 -> a.half(cj(off));
                case 8 -> a.half(cb(6, rs1, off));
                case 9 -> a.half(cb(7, rs1, off));
                default -> a.word(Asm.b(off, rs2, rs1, new int[] {0, 1, 4, 5, 6, 7}[kind]));
            }
        }
    }

    private void piece(int remaining) {
        int k = rnd.nextInt(100);
        if (k < 30) {
            alu();
        } else if (k < 45) {
            compressed();
        } else if (k < 62) {
            memory();
        } else if (k < 72 && remaining > 0) {
            int kind = rnd.nextInt(10);
            int rs1 = kind >= 8 ? 8 + rnd.nextInt(8) : reg();
            body.add(new Forward(kind, rs1, reg(), free(), 1 + rnd.nextInt(Math.min(remaining, 4))));
        } else if (k < 78) {
            csr();
        } else if (k < 81) {
            add(new int[] {0x73, 0x00100073, 0x0000007F | rnd.nextInt() << 7 & ~0x7F, 0xFFFFFFFF}[rnd.nextInt(4)]);
        } else if (k < 85) {
            atomic();
        } else if (k < 88) {
            add(rnd.nextBoolean() ? 0x0000100F : 0x0FF0000F); // fence.i, fence
        } else if (k < 93 && remaining > 1) {
            selfModify();
        } else if (k < 96 && remaining > 0) {
            indirect(remaining);
        } else {
            wild();
        }
    }

    private void alu() {
        int rd = free();
        if (rnd.nextBoolean()) {
            int f3 = rnd.nextInt(8);
            int imm = rnd.nextInt(4096);
            if (f3 == 1) {
                imm &= 31;
            } else if (f3 == 5) {
                imm = (imm & 31) | (rnd.nextBoolean() ? 0x400 : 0);
            }
            add(Asm.i(imm, reg(), f3, rd, 0x13));
        } else if (rnd.nextInt(4) == 0) {
            add(rnd.nextBoolean() ? (rnd.nextInt() & 0xFFFFF000) | rd << 7 | 0x37
                    : (rnd.nextInt() & 0xFFFFF000) | rd << 7 | 0x17);
        } else {
            int f3 = rnd.nextInt(8);
            int f7 = switch (rnd.nextInt(3)) {
                case 0 -> 0;
                case 1 -> (f3 == 0 || f3 == 5) ? 0x20 : 0;
                default -> 1; // M
            };
            add(Asm.r(f7, reg(), reg(), f3, rd, 0x33));
        }
    }

    private void compressed() {
        int rd = free();
        int imm6 = rnd.nextInt(64);
        switch (rnd.nextInt(12)) {
            case 0 -> addHalf(0x0001 | ((imm6 >> 5) & 1) << 12 | rd << 7 | (imm6 & 31) << 2); // c.addi
            case 1 -> addHalf(0x4001 | ((imm6 >> 5) & 1) << 12 | rd << 7 | (imm6 & 31) << 2); // c.li
            case 2 -> addHalf(0x8002 | rd << 7 | Math.max(1, reg()) << 2); // c.mv
            case 3 -> addHalf(0x9002 | rd << 7 | Math.max(1, reg()) << 2); // c.add
            case 4 -> addHalf(0x0002 | rd << 7 | (imm6 & 31) << 2); // c.slli
            case 5 -> addHalf(0x8001 | rnd.nextInt(2) << 10 | (cfree() - 8) << 7 | (imm6 & 31) << 2); // c.srli/srai
            case 6 -> addHalf(0x8801 | ((imm6 >> 5) & 1) << 12 | (cfree() - 8) << 7 | (imm6 & 31) << 2); // c.andi
            case 7 -> addHalf(0x8C01 | (cfree() - 8) << 7 | rnd.nextInt(4) << 5 | rnd.nextInt(8) << 2); // c.sub...
            case 8 -> { // c.lw rd', off(x8)
                int off = rnd.nextInt(32) * 4;
                addHalf(0x4000 | ((off >> 3) & 7) << 10 | ((off >> 2) & 1) << 6 | ((off >> 6) & 1) << 5
                        | (cfree() - 8) << 2);
            }
            case 9 -> { // c.sw rs2', off(x8)
                int off = rnd.nextInt(32) * 4;
                addHalf(0xC000 | ((off >> 3) & 7) << 10 | ((off >> 2) & 1) << 6 | ((off >> 6) & 1) << 5
                        | rnd.nextInt(8) << 2);
            }
            case 10 -> { // c.lwsp
                int off = rnd.nextInt(64) * 4;
                addHalf(0x4002 | ((off >> 5) & 1) << 12 | rd << 7 | ((off >> 2) & 7) << 4 | ((off >> 6) & 3) << 2);
            }
            default -> { // c.swsp
                int off = rnd.nextInt(64) * 4;
                addHalf(0xC002 | ((off >> 2) & 15) << 9 | ((off >> 6) & 3) << 7 | reg() << 2);
            }
        }
    }

    private void memory() {
        int off = rnd.nextInt(4096) - 2048;
        if (rnd.nextInt(3) == 0) {
            off = (rnd.nextInt(16) - 8) + (rnd.nextBoolean() ? 0 : 2040); // near the page edge / imm limit
            off = Math.max(-2048, Math.min(2047, off));
        }
        if (rnd.nextBoolean()) {
            int f3 = new int[] {0, 1, 2, 4, 5}[rnd.nextInt(5)];
            add(Asm.i(off & 0xFFF, 8, f3, free(), 0x03));
        } else {
            add(Asm.s(off, reg(), 8, rnd.nextInt(3), 0x23));
        }
    }

    private void csr() {
        int csr = new int[] {0xB00, 0xB02, 0xC00, 0xC01, 0xC02, 0x300, 0x340, 0x344, 0xF14}[rnd.nextInt(9)];
        if (csr == 0x340 && rnd.nextBoolean()) {
            add(Asm.i(0x340, reg(), 1, free(), 0x73)); // csrrw mscratch
        } else {
            add(Asm.i(csr, 0, 2, free(), 0x73));
        }
    }

    private void atomic() {
        int f5 = new int[] {0x00, 0x01, 0x04, 0x08, 0x0C, 0x10, 0x14, 0x18, 0x1C, 0x02, 0x03}[rnd.nextInt(11)];
        int rs2 = f5 == 0x02 ? 0 : reg();
        add(Asm.r(f5 << 2, rs2, 8, 2, free(), 0x2F));
    }

    private void selfModify() {
        body.add(new SelfModify(rnd.nextBoolean(), free(), rnd.nextInt(64)));
    }

    /**
     * Patches the instruction at its own end, in the loop being run: auipc x30, 0; lw x29, at(x30); lui x28, 0x100;
     * add x29, x29, x28 (the addi's immediate + 1); sw x29, at(x30); [fence.i]; addi r, r, imm (the patched one).
     */
    private record SelfModify(boolean fence, int r, int imm) implements Piece {
        public int size() {
            return fence ? 28 : 24;
        }

        public void emit(Asm a, int[] offsets, int self) {
            int at = size() - 4;
            a.word(30 << 7 | 0x17);
            a.lw(29, 30, at);
            a.word(0x100 << 12 | 28 << 7 | 0x37);
            a.add(29, 29, 28);
            a.sw(29, 30, at);
            if (fence) {
                a.word(0x0000100F);
            }
            a.addi(r, r, imm);
        }
    }

    private void indirect(int remaining) {
        int skip = 1 + rnd.nextInt(Math.min(remaining, 3));
        body.add(new Indirect(free(), skip));
    }

    /** auipc x28, 0; jalr rd, off(x28) to the start of the piece `skip` ahead. */
    private record Indirect(int rd, int skip) implements Piece {
        public int size() {
            return 8;
        }

        public void emit(Asm a, int[] offsets, int self) {
            int to = Math.min(self + 1 + skip, offsets.length - 1);
            int off = offsets[to] - offsets[self];
            a.word(28 << 7 | 0x17);
            a.word(Asm.i(off & 0xFFF, 28, 0, rd, 0x67));
        }
    }

    /** An access to an address that is not plain RAM (unmapped, ROM, devices) or crosses a page. */
    private void wild() {
        int addr = WILD[rnd.nextInt(WILD.length)];
        int r = free();
        int size = rnd.nextInt(3);
        body.add(new Wild(r, addr, size, rnd.nextBoolean(), reg()));
    }

    private record Wild(int r, int addr, int size, boolean store, int value) implements Piece {
        public int size() {
            int lo = (addr << 20) >> 20;
            return (addr - lo != 0 ? 8 : 4) + 4;
        }

        public void emit(Asm a, int[] offsets, int self) {
            a.li(r, addr);
            if (store) {
                a.store(size, value, r, 0);
            } else {
                a.load(size, r, r, 0);
            }
        }
    }

    static int cj(int off) {
        return 0xA001 | ((off >> 11) & 1) << 12 | ((off >> 4) & 1) << 11 | ((off >> 8) & 3) << 9
                | ((off >> 10) & 1) << 8 | ((off >> 6) & 1) << 7 | ((off >> 7) & 1) << 6 | ((off >> 1) & 7) << 3
                | ((off >> 5) & 1) << 2;
    }

    static int cb(int f3, int rs1, int off) {
        return f3 << 13 | 1 | ((off >> 8) & 1) << 12 | ((off >> 3) & 3) << 10 | (rs1 - 8) << 7
                | ((off >> 6) & 3) << 5 | ((off >> 1) & 3) << 3 | ((off >> 5) & 1) << 2;
    }
}
