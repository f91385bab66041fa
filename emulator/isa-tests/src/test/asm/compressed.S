/* C extension: every RV32C integer form, each run next to its 32-bit
 * expansion on the same inputs and the two results compared; a few are
 * also checked against constants so that a shared mistake shows up. */
#include "test.h"

#define RVC    .option rvc
#define NORVC  .option norvc

    .data
    .balign 8
mem:    .word 0x11111111, 0x22222222, 0x33333333, 0x44444444
        .space 128

TEST_BEGIN
    .option push

    /* c.addi4spn: addi rd', sp, nzuimm */
    RVC
    c.addi4spn s1, sp, 1020
    NORVC
    addi    s2, sp, 1020
    CHECK_SAME c_addi4spn, s1, s2
    sub     s1, s1, sp
    CHECK   c_addi4spn_value, s1, 1020

    /* c.lw / c.sw with offsets */
    la      s0, mem
    RVC
    c.lw    s1, 12(s0)
    NORVC
    lw      s2, 12(s0)
    CHECK_SAME c_lw, s1, s2
    CHECK   c_lw_value, s1, 0x44444444
    li      a3, 0x5a5a5a5a
    RVC
    c.sw    a3, 124(s0)
    NORVC
    lw      s1, 124(s0)
    CHECK   c_sw_max_offset, s1, 0x5a5a5a5a

    /* c.nop changes nothing */
    li      s1, 3
    RVC
    c.nop
    NORVC
    CHECK   c_nop, s1, 3

    /* c.addi (negative immediate) */
    li      s1, 10
    li      s2, 10
    RVC
    c.addi  s1, -32
    NORVC
    addi    s2, s2, -32
    CHECK_SAME c_addi, s1, s2
    CHECK   c_addi_value, s1, 0xffffffea

    /* c.li sign-extends a 6-bit immediate */
    RVC
    c.li    s1, -1
    NORVC
    addi    s2, x0, -1
    CHECK_SAME c_li, s1, s2
    RVC
    c.li    s1, 31
    NORVC
    CHECK   c_li_max, s1, 31

    /* c.addi16sp */
    mv      s3, sp
    RVC
    c.addi16sp sp, -512
    NORVC
    mv      s1, sp
    mv      sp, s3
    addi    sp, sp, -512
    mv      s2, sp
    mv      sp, s3
    CHECK_SAME c_addi16sp_neg, s1, s2
    RVC
    c.addi16sp sp, 496
    NORVC
    mv      s1, sp
    mv      sp, s3
    sub     s1, s1, sp
    CHECK   c_addi16sp_pos, s1, 496

    /* c.lui sign-extends from bit 17 */
    RVC
    c.lui   s1, 0xfffe1
    NORVC
    lui     s2, 0xfffe1
    CHECK_SAME c_lui_negative, s1, s2
    CHECK   c_lui_negative_value, s1, 0xfffe1000
    RVC
    c.lui   s1, 0x1f
    NORVC
    CHECK   c_lui_positive, s1, 0x1f000

    /* c.srli / c.srai / c.andi */
    li      s1, 0x80000010
    li      s2, 0x80000010
    RVC
    c.srli  s1, 4
    NORVC
    srli    s2, s2, 4
    CHECK_SAME c_srli, s1, s2
    CHECK   c_srli_value, s1, 0x08000001
    li      s1, 0x80000010
    li      s2, 0x80000010
    RVC
    c.srai  s1, 31
    NORVC
    srai    s2, s2, 31
    CHECK_SAME c_srai, s1, s2
    CHECK   c_srai_value, s1, 0xffffffff
    li      s1, 0x12345678
    li      s2, 0x12345678
    RVC
    c.andi  s1, -8
    NORVC
    andi    s2, s2, -8
    CHECK_SAME c_andi, s1, s2

    /* c.sub / c.xor / c.or / c.and */
.macro CARITH name, cop, op, a, b
    li      s1, \a
    li      s2, \a
    li      a3, \b
    RVC
    \cop    s1, a3
    NORVC
    \op     s2, s2, a3
    CHECK_SAME \name, s1, s2
.endm
    CARITH  c_sub, c.sub, sub, 5, 7
    CARITH  c_xor, c.xor, xor, 0xff00ff00, 0x0ff00ff0
    CARITH  c_or,  c.or,  or,  0xff00ff00, 0x0ff00ff0
    CARITH  c_and, c.and, and, 0xff00ff00, 0x0ff00ff0

    /* c.slli on a full register, c.mv, c.add */
    li      s3, 0x00018001
    li      s4, 0x00018001
    RVC
    c.slli  s3, 15
    NORVC
    slli    s4, s4, 15
    CHECK_SAME c_slli, s3, s4
    CHECK   c_slli_value, s3, 0xc0008000
    li      s5, 0xabcdef01
    RVC
    c.mv    s3, s5
    NORVC
    add     s4, x0, s5
    CHECK_SAME c_mv, s3, s4
    li      s3, 0x7fffffff
    li      s4, 0x7fffffff
    li      s5, 2
    RVC
    c.add   s3, s5
    NORVC
    add     s4, s4, s5
    CHECK_SAME c_add, s3, s4
    CHECK   c_add_value, s3, 0x80000001

    /* c.lwsp / c.swsp */
    addi    sp, sp, -256
    li      s5, 0x600dcafe
    RVC
    c.swsp  s5, 252(sp)
    c.lwsp  s3, 252(sp)
    NORVC
    lw      s4, 252(sp)
    addi    sp, sp, 256
    CHECK_SAME c_swsp_lwsp, s3, s4
    CHECK   c_lwsp_value, s3, 0x600dcafe

    /* c.j / c.beqz / c.bnez: taken and not taken */
    li      s1, 0
    RVC
    c.j     1f
    NORVC
    li      s1, 1
1:  CHECK   c_j, s1, 0
.macro CBRANCH name, br, value, taken
    li      s0, \value
    li      s1, 1
    RVC
    \br     s0, 2f
    NORVC
    li      s1, 0
2:  CHECK   \name, s1, \taken
.endm
    CBRANCH c_beqz_taken,     c.beqz, 0, 1
    CBRANCH c_beqz_not_taken, c.beqz, 5, 0
    CBRANCH c_bnez_taken,     c.bnez, -1, 1
    CBRANCH c_bnez_not_taken, c.bnez, 0, 0
    /* a backward c.bnez loop */
    li      s0, 4
    li      s1, 0
3:  addi    s1, s1, 1
    addi    s0, s0, -1
    RVC
    c.bnez  s0, 3b
    NORVC
    CHECK   c_bnez_backward, s1, 4

    /* c.jal links pc + 2 */
    RVC
    c.jal   4f
5:  c.nop
    NORVC
4:  la      s2, 5b
    sub     s1, ra, s2
    CHECK   c_jal_link, s1, 0

    /* c.jr and c.jalr (link pc + 2) */
    la      s3, 6f
    li      s1, 0
    RVC
    c.jr    s3
    NORVC
    li      s1, 1
6:  CHECK   c_jr, s1, 0
    la      s3, 7f
    RVC
    c.jalr  s3
8:  c.nop
    NORVC
7:  la      s2, 8b
    sub     s1, ra, s2
    CHECK   c_jalr_link, s1, 0

    /* c.ebreak raises a breakpoint exception at its own address */
    CAPTURE_TRAPS
    RVC
9:  c.ebreak
    NORVC
    TRAP_FIELD s1, REC_CAUSE
    CHECK   c_ebreak_cause, s1, 3
    TRAP_FIELD s1, REC_EPC
    la      s2, 9b
    sub     s1, s1, s2
    CHECK   c_ebreak_epc, s1, 0
    RESTORE_TRAPS

    .option pop
TEST_END
