/* M extension: mul, mulh, mulhsu, mulhu, div(u), rem(u), including division
 * by zero and the INT_MIN / -1 overflow (neither traps). */
#include "test.h"

TEST_BEGIN
    TEST_RR mul_small,            mul,    6, 7, 42
    TEST_RR mul_negative,         mul,    -6, 7, -42
    TEST_RR mul_low_bits,         mul,    0x12345678, 0x9abcdef0, 0x242d2080
    TEST_RR mul_min_neg1,         mul,    0x80000000, -1, 0x80000000
    TEST_RR mulh_neg_neg,         mulh,   -1, -1, 0
    TEST_RR mulh_min_min,         mulh,   0x80000000, 0x80000000, 0x40000000
    TEST_RR mulh_neg_pos,         mulh,   -2, 3, 0xffffffff
    TEST_RR mulh_big,             mulh,   0x12345678, 0x9abcdef0, 0xf8cc93d6
    TEST_RR mulhu_max_max,        mulhu,  0xffffffff, 0xffffffff, 0xfffffffe
    TEST_RR mulhu_min_2,          mulhu,  0x80000000, 2, 1
    TEST_RR mulhu_big,            mulhu,  0x12345678, 0x9abcdef0, 0x0b00ea4e
    TEST_RR mulhsu_neg_max,       mulhsu, -1, 0xffffffff, 0xffffffff
    TEST_RR mulhsu_min_max,       mulhsu, 0x80000000, 0xffffffff, 0x80000000
    TEST_RR mulhsu_pos_max,       mulhsu, 2, 0xffffffff, 1
    TEST_RR mulhsu_neg_small,     mulhsu, -1, 1, 0xffffffff
    TEST_RR div_trunc_pos_neg,    div,    7, -2, -3
    TEST_RR div_trunc_neg_pos,    div,    -7, 2, -3
    TEST_RR div_neg_neg,          div,    -7, -2, 3
    TEST_RR div_by_zero,          div,    42, 0, 0xffffffff
    TEST_RR div_neg_by_zero,      div,    -42, 0, 0xffffffff
    TEST_RR div_min_neg1,         div,    0x80000000, -1, 0x80000000
    TEST_RR divu_simple,          divu,   0xffffffff, 16, 0x0fffffff
    TEST_RR divu_by_zero,         divu,   42, 0, 0xffffffff
    TEST_RR divu_min_neg1,        divu,   0x80000000, 0xffffffff, 0
    TEST_RR rem_pos_neg,          rem,    7, -2, 1
    TEST_RR rem_neg_pos,          rem,    -7, 2, -1
    TEST_RR rem_by_zero,          rem,    42, 0, 42
    TEST_RR rem_neg_by_zero,      rem,    -42, 0, -42
    TEST_RR rem_min_neg1,         rem,    0x80000000, -1, 0
    TEST_RR remu_simple,          remu,   0xffffffff, 16, 15
    TEST_RR remu_by_zero,         remu,   0xdeadbeef, 0, 0xdeadbeef
    TEST_RR remu_min_neg1,        remu,   0x80000000, 0xffffffff, 0x80000000

    /* rd aliasing a source */
    li      t0, 9
    mul     t0, t0, t0
    CHECK   mul_rd_is_rs, t0, 81
    li      t0, 100
    li      t1, 7
    rem     t0, t0, t1
    CHECK   rem_rd_is_rs1, t0, 2
TEST_END
