/* RV32I register and immediate arithmetic: overflow wrap-around, sign
 * extension of immediates, shifts by 0 and 31, slt/sltu edge cases,
 * lui/auipc, writes to x0. */
#include "test.h"

TEST_BEGIN
    TEST_RR add_simple,        add,  3, 4, 7
    TEST_RR add_overflow,      add,  0x7fffffff, 1, 0x80000000
    TEST_RR add_wrap,          add,  0xffffffff, 1, 0
    TEST_RR sub_simple,        sub,  10, 3, 7
    TEST_RR sub_underflow,     sub,  0x80000000, 1, 0x7fffffff
    TEST_RR sub_negative,      sub,  0, 1, 0xffffffff
    TEST_RR and_mix,           and,  0xff00ff00, 0x0ff00ff0, 0x0f000f00
    TEST_RR or_mix,            or,   0xff00ff00, 0x0ff00ff0, 0xfff0fff0
    TEST_RR xor_mix,           xor,  0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0
    TEST_RR sll_by_0,          sll,  0x12345678, 0, 0x12345678
    TEST_RR sll_by_31,         sll,  3, 31, 0x80000000
    TEST_RR sll_uses_5_bits,   sll,  1, 33, 2
    TEST_RR srl_by_0,          srl,  0x80000000, 0, 0x80000000
    TEST_RR srl_by_31,         srl,  0x80000000, 31, 1
    TEST_RR srl_uses_5_bits,   srl,  0x80000000, 0xffffffe1, 0x40000000
    TEST_RR sra_by_0,          sra,  0x80000000, 0, 0x80000000
    TEST_RR sra_by_31,         sra,  0x80000000, 31, 0xffffffff
    TEST_RR sra_positive,      sra,  0x7fffffff, 30, 1
    TEST_RR sra_uses_5_bits,   sra,  0x80000000, 0x3f, 0xffffffff
    TEST_RR slt_less,          slt,  -1, 0, 1
    TEST_RR slt_equal,         slt,  5, 5, 0
    TEST_RR slt_min_max,       slt,  0x80000000, 0x7fffffff, 1
    TEST_RR slt_max_min,       slt,  0x7fffffff, 0x80000000, 0
    TEST_RR sltu_neg_is_big,   sltu, 0xffffffff, 0, 0
    TEST_RR sltu_zero_lt_neg,  sltu, 0, 0xffffffff, 1
    TEST_RR sltu_min_max,      sltu, 0x80000000, 0x7fffffff, 0
    TEST_RR sltu_equal,        sltu, 7, 7, 0

    TEST_RI addi_neg_imm,      addi,  5, -6, 0xffffffff
    TEST_RI addi_max_imm,      addi,  0, 2047, 2047
    TEST_RI addi_min_imm,      addi,  0, -2048, 0xfffff800
    TEST_RI addi_overflow,     addi,  0x7fffffff, 1, 0x80000000
    TEST_RI andi_sign_ext,     andi,  0x12345678, -16, 0x12345670
    TEST_RI ori_sign_ext,      ori,   0x12345678, -2048, 0xfffffe78
    TEST_RI xori_not,          xori,  0x12345678, -1, 0xedcba987
    TEST_RI slli_0,            slli,  0xdeadbeef, 0, 0xdeadbeef
    TEST_RI slli_31,           slli,  0xdeadbeef, 31, 0x80000000
    TEST_RI srli_31,           srli,  0xdeadbeef, 31, 1
    TEST_RI srai_31,           srai,  0xdeadbeef, 31, 0xffffffff
    TEST_RI srai_4,            srai,  0xdeadbeef, 4, 0xfdeadbee
    TEST_RI slti_neg_imm,      slti,  -5, -4, 1
    TEST_RI slti_false,        slti,  -4, -5, 0
    TEST_RI sltiu_neg_imm,     sltiu, 5, -1, 1
    TEST_RI sltiu_seqz_zero,   sltiu, 0, 1, 1
    TEST_RI sltiu_seqz_other,  sltiu, 9, 1, 0
    TEST_RI sltiu_max,         sltiu, 0xffffffff, -1, 0

    lui     t0, 0xfffff
    CHECK   lui_high, t0, 0xfffff000
    lui     t0, 0
    CHECK   lui_zero, t0, 0
    lui     t0, 0x80000
    addi    t0, t0, -1
    CHECK   lui_addi_borrow, t0, 0x7fffffff

    /* auipc adds to its own address */
1:  auipc   t0, 0
    la      t1, 1b
    sub     t0, t0, t1
    CHECK   auipc_zero, t0, 0
2:  auipc   t0, 0x12345
    la      t1, 2b
    sub     t0, t0, t1
    CHECK   auipc_offset, t0, 0x12345000
3:  auipc   t0, 0x80000
    la      t1, 3b
    sub     t0, t0, t1
    CHECK   auipc_negative, t0, 0x80000000

    /* writes to x0 are dropped */
    li      t1, 55
    add     x0, t1, t1
    addi    x0, x0, 5
    lui     x0, 0x12345
    mv      t0, x0
    CHECK   x0_stays_zero, t0, 0

    /* rd == rs1 == rs2 */
    li      t0, 21
    add     t0, t0, t0
    CHECK   add_same_regs, t0, 42
    li      t0, 0x55
    sub     t0, t0, t0
    CHECK   sub_same_regs, t0, 0
TEST_END
