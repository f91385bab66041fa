/* Zba, Zbb, Zbs: every instruction with edge operands (zero, all ones, INT_MIN, shift amounts 0 and 31 and
 * amounts above 31 taken modulo 32), rd aliasing a source, and rd = x0. Built for rv32imac_zba_zbb_zbs. */
#include "test.h"

TEST_BEGIN
    /* Zba */
    TEST_RR sh1add_basic,   sh1add, 5, 100, 110
    TEST_RR sh2add_basic,   sh2add, 5, 100, 120
    TEST_RR sh3add_basic,   sh3add, 5, 100, 140
    TEST_RR sh1add_wrap,    sh1add, 0x80000001, 1, 3
    TEST_RR sh3add_neg,     sh3add, -1, 0, -8
    TEST_RR sh2add_carry,   sh2add, 0x40000000, 0x7fffffff, 0x7fffffff

    /* Zbb: logic with negate */
    TEST_RR andn_basic,     andn, 0xff00ff00, 0x0ff00ff0, 0xf000f000
    TEST_RR orn_basic,      orn,  0x00000000, 0xffff0000, 0x0000ffff
    TEST_RR xnor_basic,     xnor, 0x12345678, 0x12345678, 0xffffffff
    TEST_RR xnor_mix,       xnor, 0xf0f0f0f0, 0x0ff00ff0, 0x00ff00ff

    /* Zbb: counts */
    li t1, 0
    clz t0, t1
    CHECK clz_zero, t0, 32
    li t1, 1
    clz t0, t1
    CHECK clz_one, t0, 31
    li t1, 0x80000000
    clz t0, t1
    CHECK clz_msb, t0, 0
    li t1, 0x00012345
    clz t0, t1
    CHECK clz_mid, t0, 15
    li t1, 0
    ctz t0, t1
    CHECK ctz_zero, t0, 32
    li t1, 0x80000000
    ctz t0, t1
    CHECK ctz_msb, t0, 31
    li t1, 0x00012340
    ctz t0, t1
    CHECK ctz_mid, t0, 6
    li t1, 0
    cpop t0, t1
    CHECK cpop_zero, t0, 0
    li t1, -1
    cpop t0, t1
    CHECK cpop_ones, t0, 32
    li t1, 0x12345678
    cpop t0, t1
    CHECK cpop_mid, t0, 13

    /* Zbb: min/max */
    TEST_RR max_signed,     max,  -5, 3, 3
    TEST_RR max_equal,      max,  7, 7, 7
    TEST_RR maxu_unsigned,  maxu, -5, 3, -5
    TEST_RR min_signed,     min,  -5, 3, -5
    TEST_RR min_int_min,    min,  0x80000000, 0x7fffffff, 0x80000000
    TEST_RR minu_unsigned,  minu, -5, 3, 3

    /* Zbb: extensions */
    li t1, 0x12345680
    sext.b t0, t1
    CHECK sext_b_neg, t0, 0xffffff80
    li t1, 0x1234567f
    sext.b t0, t1
    CHECK sext_b_pos, t0, 0x7f
    li t1, 0x12348000
    sext.h t0, t1
    CHECK sext_h_neg, t0, 0xffff8000
    li t1, 0x12347fff
    sext.h t0, t1
    CHECK sext_h_pos, t0, 0x7fff
    li t1, 0xdeadbeef
    zext.h t0, t1
    CHECK zext_h_basic, t0, 0xbeef

    /* Zbb: rotates */
    TEST_RR rol_1,          rol, 0x80000001, 1, 0x00000003
    TEST_RR rol_0,          rol, 0x12345678, 0, 0x12345678
    TEST_RR rol_31,         rol, 0x00000003, 31, 0x80000001
    TEST_RR rol_mod32,      rol, 0x12345678, 36, 0x23456781
    TEST_RR ror_4,          ror, 0x12345678, 4, 0x81234567
    TEST_RR ror_mod32,      ror, 0x12345678, 0xffffffe4, 0x81234567
    TEST_RI rori_8,         rori, 0x12345678, 8, 0x78123456
    TEST_RI rori_31,        rori, 0x80000001, 31, 0x00000003
    TEST_RI rori_0,         rori, 0x12345678, 0, 0x12345678

    /* Zbb: byte ops */
    li t1, 0x00a10000
    orc.b t0, t1
    CHECK orc_b_mid, t0, 0x00ff0000
    li t1, 0x01000080
    orc.b t0, t1
    CHECK orc_b_ends, t0, 0xff0000ff
    li t1, 0
    orc.b t0, t1
    CHECK orc_b_zero, t0, 0
    li t1, 0x12345678
    rev8 t0, t1
    CHECK rev8_basic, t0, 0x78563412

    /* Zbs */
    TEST_RR bclr_bit0,      bclr, -1, 0, 0xfffffffe
    TEST_RR bclr_bit31,     bclr, -1, 31, 0x7fffffff
    TEST_RR bclr_mod32,     bclr, -1, 33, 0xfffffffd
    TEST_RI bclri_5,        bclri, 0xff, 5, 0xdf
    TEST_RR bext_set,       bext, 0x80000000, 31, 1
    TEST_RR bext_clear,     bext, 0x7fffffff, 31, 0
    TEST_RR bext_mod32,     bext, 0x00000004, 34, 1
    TEST_RI bexti_3,        bexti, 0x08, 3, 1
    TEST_RI bexti_0,        bexti, 0x08, 0, 0
    TEST_RR binv_set,       binv, 0, 31, 0x80000000
    TEST_RR binv_clear,     binv, 0x10, 4, 0
    TEST_RI binvi_1,        binvi, 3, 1, 1
    TEST_RR bset_0,         bset, 0, 0, 1
    TEST_RR bset_mod32,     bset, 0, 63, 0x80000000
    TEST_RI bseti_30,       bseti, 0, 30, 0x40000000
    TEST_RI bseti_again,    bseti, 0x40000000, 30, 0x40000000

    /* aliasing and x0 */
    li t0, 3
    li t1, 10
    sh1add t0, t0, t1
    CHECK sh1add_rd_is_rs1, t0, 16
    li t0, 0x0f
    clz t0, t0
    CHECK clz_rd_is_rs1, t0, 28
    li t1, 5
    sh3add zero, t1, t1
    CHECK sh3add_x0_stays_0, zero, 0
    rev8 zero, t1
    CHECK rev8_x0_stays_0, zero, 0

    /* a loop, so that translated code runs the instructions too */
    li s1, 0
    li s2, 0
    li s3, 2000
1:  rori s4, s3, 3
    xnor s4, s4, s3
    cpop s5, s4
    sh2add s1, s5, s1
    bset s6, zero, s3
    max s2, s2, s6
    addi s3, s3, -1
    bnez s3, 1b
    CHECK loop_sum, s1, 0x30d48
    CHECK loop_max, s2, 0x40000000
TEST_END
