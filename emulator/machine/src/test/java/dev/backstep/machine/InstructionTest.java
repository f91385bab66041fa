package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InstructionTest {
    private static final int T0 = 5, T1 = 6, T2 = 7, A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15;

    /** Computes rs1 OP rs2 with the given funct7/funct3 and returns rd. */
    private static int alu(int f7, int f3, int a, int b) {
        Asm asm = new Asm().li(A0, a).li(A1, b).op(f7, f3, A2, A0, A1).pass();
        TestMachines.Run r = TestMachines.run(asm);
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        return r.x(A2);
    }

    @Test
    void resetStubTakesSixInstructionsAndSetsRegistersLikeQemu() {
        TestMachines.Run r = TestMachines.run(new Asm().spin());
        r.m.run(TestMachines.RESET_STUB);
        assertEquals(MachineConfig.RAM_BASE, r.m.hart().pc());
        assertEquals(0, r.x(A0));
        assertEquals(0x1028, r.x(A2));
        assertEquals(0x80000000, r.x(A1)); // QEMU: fdt address = align_down(ram end - fdt size, 2 MiB)
        assertEquals(MachineConfig.RAM_BASE, r.x(T0));
    }

    @Test
    void arithmeticEdgeCases() {
        assertEquals(Integer.MIN_VALUE, alu(0, 0, Integer.MAX_VALUE, 1)); // add overflow wraps
        assertEquals(Integer.MAX_VALUE, alu(0x20, 0, Integer.MIN_VALUE, 1)); // sub
        assertEquals(-1, alu(0x20, 5, Integer.MIN_VALUE, 31)); // sra by 31
        assertEquals(1, alu(0, 5, Integer.MIN_VALUE, 31)); // srl by 31
        assertEquals(Integer.MIN_VALUE, alu(0, 1, 1, 31)); // sll by 31
        assertEquals(2, alu(0, 1, 1, 33)); // shift amount uses the low 5 bits
        assertEquals(1, alu(0, 2, -1, 0)); // slt
        assertEquals(0, alu(0, 3, -1, 0)); // sltu
    }

    @Test
    void multiplyAndDivide() {
        assertEquals(0, alu(1, 0, 0x10000, 0x10000)); // mul low
        assertEquals(1, alu(1, 1, 0x10000, 0x10000)); // mulh
        assertEquals(-1, alu(1, 1, -1, 1)); // mulh of -1*1
        assertEquals(-1, alu(1, 2, -1, -1) ); // mulhsu: -1 * 0xFFFFFFFF -> high = -1
        assertEquals(-2, alu(1, 3, -1, -1)); // mulhu: 0xFFFFFFFE
        assertEquals(-1, alu(1, 4, 7, 0)); // div by zero
        assertEquals(-1, alu(1, 5, 7, 0)); // divu by zero
        assertEquals(7, alu(1, 6, 7, 0)); // rem by zero
        assertEquals(7, alu(1, 7, 7, 0)); // remu by zero
        assertEquals(Integer.MIN_VALUE, alu(1, 4, Integer.MIN_VALUE, -1)); // overflow
        assertEquals(0, alu(1, 6, Integer.MIN_VALUE, -1));
        assertEquals(-2, alu(1, 4, -7, 3)); // truncates toward zero
        assertEquals(-1, alu(1, 6, -7, 3));
        assertEquals(0x55555553, alu(1, 5, -7, 3));
    }

    @Test
    void loadsSignAndZeroExtend() {
        int data = MachineConfig.RAM_BASE + 0x800;
        Asm a = new Asm().li(T0, data).li(T1, 0x8081F0FF).sw(T1, T0, 0)
                .load(0, A0, T0, 0).load(4, A1, T0, 0).load(1, A2, T0, 0).load(5, A3, T0, 0)
                .load(2, A4, T0, 1) // misaligned word load: handled, as on QEMU
                .pass();
        TestMachines.Run r = TestMachines.run(a);
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(-1, r.x(A0));
        assertEquals(0xFF, r.x(A1));
        assertEquals(0xFFFFF0FF, r.x(A2));
        assertEquals(0xF0FF, r.x(A3));
        assertEquals(0x008081F0, r.x(A4));
    }

    @Test
    void branchesAndJumpsLinkCorrectly() {
        Asm a = new Asm().li(A0, 1).li(A1, 1);
        a.beq(A0, A1, 8).li(18, 99); // skipped
        a.jal(1, 8).li(19, 99); // skipped, ra = address of li s3
        a.pass();
        TestMachines.Run r = TestMachines.run(a);
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(0, r.x(18));
        assertEquals(0, r.x(19));
        assertEquals(MachineConfig.RAM_BASE + 16 + 4, r.x(1));
    }

    @Test
    void writesToX0AreDiscarded() {
        TestMachines.Run r = TestMachines.run(new Asm().addi(0, 0, 5).add(A0, 0, 0).pass());
        r.runToEnd();
        assertEquals(0, r.x(0));
        assertEquals(0, r.x(A0));
    }

    @Test
    void lrScAndAmos() {
        int data = MachineConfig.RAM_BASE + 0x800;
        Asm a = new Asm().li(T0, data).li(T1, 10).sw(T1, T0, 0)
                .amo(0x02, A0, T0, 0)      // lr.w a0 = 10
                .li(T2, 20).amo(0x03, A1, T0, T2)  // sc.w succeeds: a1 = 0, mem = 20
                .amo(0x03, A2, T0, T2)     // sc.w without reservation fails: a2 = 1
                .li(T2, 5).amo(0x00, A3, T0, T2)   // amoadd: a3 = 20, mem 25
                .li(T2, -1).amo(0x10, A4, T0, T2)  // amomin: a4 = 25, mem -1
                .li(T2, 3).amo(0x1C, A5, T0, T2)   // amomaxu: a5 = -1, mem stays 0xFFFFFFFF
                .lw(T1, T0, 0)
                .pass();
        TestMachines.Run r = TestMachines.run(a);
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(10, r.x(A0));
        assertEquals(0, r.x(A1));
        assertEquals(1, r.x(A2));
        assertEquals(20, r.x(A3));
        assertEquals(25, r.x(A4));
        assertEquals(-1, r.x(A5));
        assertEquals(-1, r.x(T1));
    }

    @Test
    void amoSwapXorAndOrMax() {
        int data = MachineConfig.RAM_BASE + 0x800;
        Asm a = new Asm().li(T0, data).li(T1, 0b1100).sw(T1, T0, 0)
                .li(T2, 0b1010).amo(0x04, A0, T0, T2)  // xor -> 0110
                .li(T2, 0b0011).amo(0x0C, A1, T0, T2)  // and -> 0010
                .li(T2, 0b1000).amo(0x08, A2, T0, T2)  // or  -> 1010
                .li(T2, -5).amo(0x14, A3, T0, T2)      // max (signed) -> stays 1010
                .li(T2, 77).amo(0x01, A4, T0, T2)      // swap -> 77
                .li(T2, 1).amo(0x18, A5, T0, T2)       // minu -> 1
                .lw(T1, T0, 0).pass();
        TestMachines.Run r = TestMachines.run(a);
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(0b1100, r.x(A0));
        assertEquals(0b0110, r.x(A1));
        assertEquals(0b0010, r.x(A2));
        assertEquals(0b1010, r.x(A3));
        assertEquals(0b1010, r.x(A4));
        assertEquals(77, r.x(A5));
        assertEquals(1, r.x(T1));
    }

    @Test
    void selfModifyingCodeIsSeenAfterTheStore() {
        // overwrite a later "li a0, 1" by "li a0, 2", after it was decoded once in a loop
        Asm a = new Asm();
        a.li(T1, 0).li(T2, 2);               // 0,4: counter, bound (li with small values = 1 instr each)
        int target = a.pc();
        a.addi(A0, 0, 1);                      // 8: li a0, 1  (patched below)
        a.addi(T1, T1, 1);                     // 12
        a.li(T0, target);                      // 16,20: t0 = &target
        a.li(A1, Asm.i(2, 0, 0, A0, 0x13));    // 24,28: a1 = "li a0, 2"
        a.sw(A1, T0, 0);                       // 32
        a.bne(T1, T2, target - a.pc());        // 36: loop once more
        a.pass();
        TestMachines.Run r = TestMachines.run(a);
        assertEquals(MachineStopReason.EXIT, r.runToEnd());
        assertEquals(2, r.x(A0));
    }
}
