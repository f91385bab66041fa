/* A extension: lr/sc success and failure rules, every AMO (old value in rd,
 * new value in memory), min/max signedness, rd = x0, aq/rl forms. */
#include "test.h"

    .data
    .balign 8
cell:   .word 0
other:  .word 0

/* Stores `init` in cell, runs `op rd, rs2=value, (cell)`, checks rd and the cell. */
.macro TEST_AMO name:req, op:req, init:req, value:req, old:req, new:req
    la      s0, cell
    li      t1, \init
    sw      t1, 0(s0)
    li      t2, \value
    \op     s1, t2, (s0)
    CHECK   \name\()_old, s1, \old
    lw      s1, 0(s0)
    CHECK   \name\()_mem, s1, \new
.endm

TEST_BEGIN
    la      s0, cell
    li      t1, 10
    sw      t1, 0(s0)

    /* lr then sc to the same address succeeds (rd = 0) */
    lr.w    s1, (s0)
    CHECK   lr_value, s1, 10
    la      s0, cell
    lr.w    t0, (s0)
    li      t1, 11
    sc.w    s1, t1, (s0)
    CHECK   sc_success_code, s1, 0
    lw      s1, 0(s0)
    CHECK   sc_success_mem, s1, 11

    /* a second sc without a new lr fails and leaves memory alone */
    la      s0, cell
    li      t1, 12
    sc.w    s1, t1, (s0)
    CHECK   sc_again_fails, s1, 1
    lw      s1, 0(s0)
    CHECK   sc_again_mem, s1, 11

    /* sc to an address other than the reserved one fails */
    la      s0, cell
    la      s2, other
    sw      zero, 0(s2)
    lr.w    t0, (s0)
    li      t1, 13
    sc.w    s1, t1, (s2)
    CHECK   sc_other_address_fails, s1, 1
    lw      s1, 0(s2)
    CHECK   sc_other_address_mem, s1, 0

    /* a store of a different value to the reserved word between lr and sc:
     * the sc fails on QEMU (the spec allows either outcome for the hart's
     * own stores; QEMU's behaviour is the reference here) */
    la      s0, cell
    lr.w    t0, (s0)
    li      t1, 77
    sw      t1, 0(s0)
    li      t1, 14
    sc.w    s1, t1, (s0)
    CHECK   sc_after_store_fails, s1, 1
    lw      s1, 0(s0)
    CHECK   sc_after_store_mem, s1, 77

    /* aq/rl forms */
    la      s0, cell
    lr.w.aq t0, (s0)
    li      t1, 15
    sc.w.rl s1, t1, (s0)
    CHECK   sc_aqrl_success, s1, 0
    lw      s1, 0(s0)
    CHECK   sc_aqrl_mem, s1, 15

    TEST_AMO amoswap,          amoswap.w,  5, 9, 5, 9
    TEST_AMO amoadd,           amoadd.w,   5, 9, 5, 14
    TEST_AMO amoadd_wrap,      amoadd.w,   0xffffffff, 2, 0xffffffff, 1
    TEST_AMO amoxor,           amoxor.w,   0xff00ff00, 0x0ff00ff0, 0xff00ff00, 0xf0f0f0f0
    TEST_AMO amoand,           amoand.w,   0xff00ff00, 0x0ff00ff0, 0xff00ff00, 0x0f000f00
    TEST_AMO amoor,            amoor.w,    0xff00ff00, 0x0ff00ff0, 0xff00ff00, 0xfff0fff0
    TEST_AMO amomin_signed,    amomin.w,   0xffffffff, 1, 0xffffffff, 0xffffffff
    TEST_AMO amomin_takes_rs2, amomin.w,   1, 0x80000000, 1, 0x80000000
    TEST_AMO amomax_signed,    amomax.w,   0xffffffff, 1, 0xffffffff, 1
    TEST_AMO amomax_keeps,     amomax.w,   0x7fffffff, 0x80000000, 0x7fffffff, 0x7fffffff
    TEST_AMO amominu_unsigned, amominu.w,  0xffffffff, 1, 0xffffffff, 1
    TEST_AMO amominu_keeps,    amominu.w,  0, 0xffffffff, 0, 0
    TEST_AMO amomaxu_unsigned, amomaxu.w,  0xffffffff, 1, 0xffffffff, 0xffffffff
    TEST_AMO amomaxu_takes,    amomaxu.w,  0x7fffffff, 0x80000000, 0x7fffffff, 0x80000000
    TEST_AMO amoadd_aqrl,      amoadd.w.aqrl, 40, 2, 40, 42
    TEST_AMO amoswap_aq,       amoswap.w.aq, 1, 2, 1, 2

    /* rd = x0: memory still updated */
    la      s0, cell
    li      t1, 3
    sw      t1, 0(s0)
    li      t2, 4
    amoadd.w x0, t2, (s0)
    lw      s1, 0(s0)
    CHECK   amo_rd_x0, s1, 7

    /* rd == rs2: the old value lands in rd, memory gets the operand */
    la      s0, cell
    li      t1, 100
    sw      t1, 0(s0)
    li      s1, 5
    amoswap.w s1, s1, (s0)
    CHECK   amoswap_rd_is_rs2_old, s1, 100
    lw      s1, 0(s0)
    CHECK   amoswap_rd_is_rs2_mem, s1, 5
TEST_END
