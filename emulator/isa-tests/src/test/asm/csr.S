/* Zicsr: csrrw/csrrs/csrrc and their immediate forms (old value in rd, which
 * bits change, rd = x0 and rs1 = x0 rules), writes to read-only CSRs raising
 * illegal instruction, identity CSRs, minstret/mcycle counting. Counter
 * values are exact only with instruction counting: run QEMU with
 * -icount shift=0. */
#include "test.h"

TEST_BEGIN
    /* csrrw returns the old value and writes the whole register */
    li      t1, 0x12345678
    csrw    mscratch, t1
    li      t2, 0xcafef00d
    csrrw   s1, mscratch, t2
    CHECK   csrrw_old, s1, 0x12345678
    csrr    s1, mscratch
    CHECK   csrrw_new, s1, 0xcafef00d

    /* csrrs sets, csrrc clears the bits of rs1 */
    li      t1, 0x0000ff00
    csrrs   s1, mscratch, t1
    CHECK   csrrs_old, s1, 0xcafef00d
    csrr    s1, mscratch
    CHECK   csrrs_new, s1, 0xcafeff0d
    li      t1, 0xffff0000
    csrrc   s1, mscratch, t1
    CHECK   csrrc_old, s1, 0xcafeff0d
    csrr    s1, mscratch
    CHECK   csrrc_new, s1, 0x0000ff0d

    /* immediate forms: 5-bit zero-extended immediate */
    csrrwi  s1, mscratch, 31
    CHECK   csrrwi_old, s1, 0x0000ff0d
    csrr    s1, mscratch
    CHECK   csrrwi_new, s1, 31
    csrrci  s1, mscratch, 0x15
    csrr    s1, mscratch
    CHECK   csrrci_new, s1, 0x0a
    csrrsi  s1, mscratch, 0x10
    CHECK   csrrsi_old, s1, 0x0a
    csrr    s1, mscratch
    CHECK   csrrsi_new, s1, 0x1a

    /* rd = x0 still writes; rs1 = x0 for csrrs/csrrc does not */
    li      t1, 0x55
    csrrw   x0, mscratch, t1
    csrr    s1, mscratch
    CHECK   csrrw_rd_x0_writes, s1, 0x55
    csrrs   s1, mscratch, x0
    CHECK   csrrs_x0_reads, s1, 0x55
    csrrc   s1, mscratch, x0
    csrr    s1, mscratch
    CHECK   csrrc_x0_keeps, s1, 0x55

    /* rd == rs1 */
    li      s1, 0x77
    csrrw   s1, mscratch, s1
    CHECK   csrrw_rd_is_rs1_old, s1, 0x55
    csrr    s1, mscratch
    CHECK   csrrw_rd_is_rs1_new, s1, 0x77

    /* mepc holds bits 31..1. Bit 0 should read 0 (IALIGN 16); QEMU 7.2
     * keeps the written bit 0 (a QEMU bug), so bit 0 is not checked. */
    li      t1, 0xffffffff
    csrw    mepc, t1
    csrr    s1, mepc
    ori     s1, s1, 1
    CHECK   mepc_upper_bits_writable, s1, 0xffffffff

    /* identity: mhartid, mvendorid; misa says RV32 with I, M, A, C */
    csrr    s1, mhartid
    CHECK   mhartid_zero, s1, 0
    csrr    s1, mvendorid
    CHECK   mvendorid_zero, s1, 0
    csrr    s1, misa
    li      t1, 0xc0001105
    and     s1, s1, t1
    CHECK   misa_rv32_imac, s1, 0x40001105

    /* the machine-mode interrupt enable bits of mie are writable */
    csrr    s2, mie
    li      t1, 0x888
    csrs    mie, t1
    csrr    s1, mie
    and     s1, s1, t1
    CHECK   mie_m_bits_writable, s1, 0x888
    csrw    mie, s2

    /* reading a read-only CSR with csrrs x0 / csrrsi 0 is fine */
    CAPTURE_TRAPS
    csrrs   s1, mhartid, x0
    csrrsi  s1, mvendorid, 0
    TRAP_FIELD s1, REC_COUNT
    CHECK   read_only_read_no_trap, s1, 0

    /* writing one is an illegal instruction, mtval = the instruction */
    call    capture_reset
    li      s1, 0xdead
1:  csrrw   s1, mvendorid, zero
    CHECK   read_only_write_rd_kept, s1, 0xdead
    TRAP_FIELD s1, REC_CAUSE
    CHECK   read_only_write_cause, s1, 2
    TRAP_FIELD s1, REC_EPC
    la      t1, 1b
    sub     s1, s1, t1
    CHECK   read_only_write_epc, s1, 0
    TRAP_FIELD s1, REC_TVAL
    la      t1, 1b
    lw      t1, 0(t1)
    CHECK_SAME read_only_write_tval, s1, t1
    /* csrrs with a non-x0 rs1 holding 0 should trap too (the spec calls it
     * a write); QEMU 7.2 does not trap (a QEMU bug): either passes */
    call    capture_reset
    li      t1, 0
    csrrs   s1, mhartid, t1
    TRAP_FIELD s1, REC_CAUSE
    andi    s1, s1, ~2
    CHECK   read_only_csrrs_zero_value_0_or_2, s1, 0
    call    capture_reset
    csrrwi  s1, marchid, 1
    TRAP_FIELD s1, REC_CAUSE
    CHECK   read_only_csrrwi_traps, s1, 2
    RESTORE_TRAPS

    /* minstret counts retired instructions: one per instruction, the
     * reading instruction itself not yet included */
    csrr    s1, minstret
    csrr    s2, minstret
    sub     s1, s2, s1
    CHECK   minstret_consecutive, s1, 1
    csrr    s1, minstret
    nop
    nop
    nop
    nop
    nop
    csrr    s2, minstret
    sub     s1, s2, s1
    CHECK   minstret_after_5_nops, s1, 6
    /* a taken branch and a jump count once each */
    csrr    s1, minstret
    j       2f
    nop
2:  beqz    zero, 3f
    nop
3:  csrr    s2, minstret
    sub     s1, s2, s1
    CHECK   minstret_jumps, s1, 3
    /* mcycle follows minstret (one cycle per instruction) */
    csrr    s1, minstret
    csrr    s2, mcycle
    sub     s1, s2, s1
    CHECK   mcycle_equals_minstret, s1, 1
    /* the user-level shadows read the same counters */
    csrr    s1, minstret
    rdinstret s2
    sub     s1, s2, s1
    CHECK   instret_shadow, s1, 1
    csrr    s1, mcycle
    rdcycle s2
    sub     s1, s2, s1
    CHECK   cycle_shadow, s1, 1
    /* minstreth is 0 this early */
    csrr    s1, minstreth
    CHECK   minstreth_zero, s1, 0
    /* a written minstret counts on from the written value; the writing
     * instruction itself still retires (QEMU reads written + 1 next).
     * The carry into minstreth is not tested: QEMU 7.2 does not carry. */
    li      t1, 1000
    csrw    minstret, t1
    csrr    s1, minstret
    CHECK   minstret_write, s1, 1001
TEST_END
