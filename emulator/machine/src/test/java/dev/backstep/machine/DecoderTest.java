package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each compressed instruction decodes to exactly its 32-bit expansion (apart from the length bit). */
class DecoderTest {
    private static void assertExpands(int c16, int i32) {
        int[] a = new int[2];
        int[] b = new int[2];
        Decoder.decode(c16, a);
        Decoder.decode(i32, b);
        assertEquals(Op.C, a[0] & Op.C, "compressed flag");
        assertEquals(b[0], a[0] & ~Op.C, String.format("word of %04x vs %08x", c16, i32));
        assertEquals(b[1], a[1], String.format("imm of %04x vs %08x", c16, i32));
    }

    @Test
    void compressedFormsDecodeAsTheirExpansion() {
        assertExpands(0x0141, 0x01010113); // c.addi sp, 16 -> addi sp, sp, 16
        assertExpands(0x1141, 0xff010113); // c.addi sp, -16
        assertExpands(0x4501, 0x00000513); // c.li a0, 0
        assertExpands(0x557d, 0xfff00513); // c.li a0, -1
        assertExpands(0x6505, 0x00001537); // c.lui a0, 1
        assertExpands(0x7179, 0xfd010113); // c.addi16sp sp, -48
        assertExpands(0x0048, 0x00410513); // c.addi4spn a0, sp, 4
        assertExpands(0x4188, 0x0005a503); // c.lw a0, 0(a1)
        assertExpands(0xc188, 0x00a5a023); // c.sw a0, 0(a1)
        assertExpands(0x4502, 0x00012503); // c.lwsp a0, 0(sp)
        assertExpands(0xc02a, 0x00a12023); // c.swsp a0, 0(sp)
        assertExpands(0x852e, 0x00b00533); // c.mv a0, a1
        assertExpands(0x952e, 0x00b50533); // c.add a0, a1
        assertExpands(0x8d0d, 0x40b50533); // c.sub a0, a1
        assertExpands(0x8d2d, 0x00b54533); // c.xor
        assertExpands(0x8d4d, 0x00b56533); // c.or
        assertExpands(0x8d6d, 0x00b57533); // c.and
        assertExpands(0x897d, 0x01f57513); // c.andi a0, 31
        assertExpands(0x8105, 0x00155513); // c.srli a0, 1
        assertExpands(0x857d, 0x41f55513); // c.srai a0, 31
        assertExpands(0x050a, 0x00251513); // c.slli a0, 2
        assertExpands(0x8502, 0x00050067); // c.jr a0
        assertExpands(0x9502, 0x000500e7); // c.jalr a0
        assertExpands(0x8082, 0x00008067); // ret
        assertExpands(0x9002, 0x00100073); // c.ebreak
        assertExpands(0xa001, 0x0000006f); // c.j 0
        assertExpands(0xbffd, 0xfffff06f); // c.j -2
        assertExpands(0x2001, 0x000000ef); // c.jal 0
        assertExpands(0xc119, Asm.b(6, 0, 10, 0)); // c.beqz a0, 6 -> beq a0, x0, 6
        assertExpands(0xe101, Asm.b(0, 0, 10, 1)); // c.bnez a0, 0
    }

    @Test
    void illegalEncodingsCarryTheirBits() {
        int[] out = new int[2];
        Decoder.decode(0x0000, out);
        assertEquals(Op.ILLEGAL, out[0] & 0x7F);
        assertEquals(0, out[1]);
        Decoder.decode(0xffffffff, out);
        assertEquals(Op.ILLEGAL, out[0] & 0x7F);
        assertEquals(0xffffffff, out[1]);
    }
}
