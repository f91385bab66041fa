/* Branches (taken / not taken, signed vs unsigned, backwards), jal and jalr
 * link values, jalr clearing the lowest target bit, jalr with rd == rs1. */
#include "test.h"

/* Sets t0 = 1 when `br a, b` is taken, else 0. */
.macro TEST_BR name:req, br:req, a:req, b:req, taken:req
    li      t1, \a
    li      t2, \b
    li      t0, 1
    \br     t1, t2, 1f
    li      t0, 0
1:  CHECK   \name, t0, \taken
.endm

TEST_BEGIN
    TEST_BR beq_equal,        beq,  5, 5, 1
    TEST_BR beq_differ,       beq,  5, 6, 0
    TEST_BR bne_differ,       bne,  5, 6, 1
    TEST_BR bne_equal,        bne,  -1, -1, 0
    TEST_BR blt_neg_pos,      blt,  -1, 1, 1
    TEST_BR blt_pos_neg,      blt,  1, -1, 0
    TEST_BR blt_equal,        blt,  3, 3, 0
    TEST_BR blt_min_max,      blt,  0x80000000, 0x7fffffff, 1
    TEST_BR bge_equal,        bge,  3, 3, 1
    TEST_BR bge_neg_pos,      bge,  -1, 1, 0
    TEST_BR bge_max_min,      bge,  0x7fffffff, 0x80000000, 1
    TEST_BR bltu_neg_pos,     bltu, -1, 1, 0
    TEST_BR bltu_zero_max,    bltu, 0, 0xffffffff, 1
    TEST_BR bltu_equal,       bltu, 9, 9, 0
    TEST_BR bgeu_neg_pos,     bgeu, -1, 1, 1
    TEST_BR bgeu_equal,       bgeu, 9, 9, 1
    TEST_BR bgeu_small_big,   bgeu, 1, 0x80000000, 0

    /* a backward branch: count down from 5 */
    li      t0, 0
    li      t1, 5
1:  addi    t0, t0, 1
    addi    t1, t1, -1
    bnez    t1, 1b
    CHECK   branch_backward_loop, t0, 5

    /* jal links the address of the next instruction */
    .option push
    .option norvc
    jal     t0, 2f
3:  nop
2:  la      t1, 3b
    sub     t0, t0, t1
    .option pop
    CHECK   jal_link, t0, 0

    /* jal with rd = x0 is a plain jump */
    li      t0, 7
    j       4f
    li      t0, 8
4:  CHECK   jal_x0_jump, t0, 7

    /* jalr: target = (rs1 + imm) & ~1, link = pc + 4 */
    .option push
    .option norvc
    la      t1, 5f
    addi    t1, t1, 1           /* odd address: the lsb must be cleared */
    li      t0, 0
    jalr    t2, 0(t1)
6:  li      t0, 99              /* skipped */
5:  la      t3, 6b
    sub     t2, t2, t3
    .option pop
    CHECK   jalr_clears_lsb, t0, 0
    CHECK   jalr_link, t2, 0

    /* negative offset with lsb set in the sum */
    .option push
    .option norvc
    la      t1, 7f
    addi    t1, t1, 5
    jalr    t2, -5(t1)
    li      t0, 99
7:  li      t0, 1
    .option pop
    CHECK   jalr_negative_offset, t0, 1

    /* rd == rs1: the target is computed from the old value */
    .option push
    .option norvc
    la      t1, 8f
    jalr    t1, 0(t1)
9:  li      t0, 99
8:  la      t3, 9b
    sub     t1, t1, t3
    .option pop
    CHECK   jalr_rd_equals_rs1, t1, 0

    /* call / ret through a function */
    li      s1, 20
    call    double_s1
    CHECK   call_ret, s1, 40
TEST_END

double_s1:
    add     s1, s1, s1
    ret
