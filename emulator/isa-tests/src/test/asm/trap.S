/* Exceptions: ecall, ebreak, illegal instructions (mcause, mepc, mtval),
 * access faults, mstatus MIE/MPIE/MPP on trap entry and mret, mret jumping
 * to mepc, synchronous traps in vectored mode going to the base address. */
#include "test.h"

TEST_BEGIN
    CAPTURE_TRAPS

    /* ecall from M-mode */
1:  ecall
    TRAP_FIELD s1, REC_CAUSE
    CHECK   ecall_cause, s1, 11
    TRAP_FIELD s1, REC_EPC
    la      t1, 1b
    sub     s1, s1, t1
    CHECK   ecall_epc, s1, 0
    TRAP_FIELD s1, REC_TVAL
    CHECK   ecall_tval, s1, 0
    TRAP_FIELD s1, REC_COUNT
    CHECK   ecall_count, s1, 1

    /* ebreak (32-bit form) */
    call    capture_reset
    .option push
    .option norvc
2:  ebreak
    .option pop
    TRAP_FIELD s1, REC_CAUSE
    CHECK   ebreak_cause, s1, 3
    TRAP_FIELD s1, REC_EPC
    la      t1, 2b
    sub     s1, s1, t1
    CHECK   ebreak_epc, s1, 0

    /* illegal instructions: mtval holds the instruction bits */
.macro ILLEGAL name:req, word:req
    call    capture_reset
3:  .word   \word
    TRAP_FIELD s1, REC_CAUSE
    CHECK   \name\()_cause, s1, 2
    TRAP_FIELD s1, REC_EPC
    la      t1, 3b
    sub     s1, s1, t1
    CHECK   \name\()_epc, s1, 0
    TRAP_FIELD s1, REC_TVAL
    CHECK   \name\()_tval, s1, \word
.endm
    ILLEGAL illegal_all_ones,    0xffffffff
    ILLEGAL illegal_opcode,      0x0000007b   /* custom-3 opcode, unused */
    ILLEGAL illegal_mul_funct7,  0x06208033   /* OP with funct7 = 3 */
    ILLEGAL illegal_fp_load,     0x00052007   /* flw: no F extension in rv32imac */

    /* the all-zero halfword is illegal (a 16-bit instruction) */
    call    capture_reset
4:  .half   0
    .half   0
    TRAP_FIELD s1, REC_CAUSE
    CHECK   illegal_zero_half_cause, s1, 2
    TRAP_FIELD s1, REC_EPC
    la      t1, 4b
    sub     s1, s1, t1
    CHECK   illegal_zero_half_second_epc, s1, 2
    TRAP_FIELD s1, REC_COUNT
    CHECK   illegal_zero_half_count, s1, 2

    /* mret from M-mode while MIE = 0: traps keep MIE clear */
    call    capture_reset
    csrc    mstatus, MSTATUS_MIE
    ecall
    TRAP_FIELD s1, REC_MSTATUS
    li      t1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    and     s1, s1, t1
    CHECK   trap_entry_mie0_mstatus, s1, MSTATUS_MPP
    csrr    s1, mstatus
    andi    s1, s1, MSTATUS_MIE | MSTATUS_MPIE
    CHECK   mret_mie0_mstatus, s1, MSTATUS_MPIE

    /* with MIE = 1 (no interrupt enabled in mie): entry moves MIE to MPIE,
     * mret moves it back and sets MPIE */
    call    capture_reset
    csrr    s3, mie
    csrw    mie, zero
    csrs    mstatus, MSTATUS_MIE
    ecall
    csrr    s2, mstatus
    csrc    mstatus, MSTATUS_MIE
    csrw    mie, s3
    TRAP_FIELD s1, REC_MSTATUS
    li      t1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    and     s1, s1, t1
    CHECK   trap_entry_mie1_mstatus, s1, MSTATUS_MPIE | MSTATUS_MPP
    andi    s1, s2, MSTATUS_MIE | MSTATUS_MPIE
    CHECK   mret_mie1_mstatus, s1, MSTATUS_MIE | MSTATUS_MPIE

    /* mret jumps to mepc, with MPP = M staying in M-mode */
    li      s1, 0
    la      t1, 5f
    csrw    mepc, t1
    li      t1, MSTATUS_MPP
    csrs    mstatus, t1
    mret
    li      s1, 99
5:  CHECK   mret_to_mepc, s1, 0
    csrr    s1, mhartid          /* still M-mode: this would trap otherwise */
    TRAP_FIELD s1, REC_COUNT
    CHECK   mret_stays_in_m, s1, 1   /* just the ecall above */

    /* load and store access faults on unmapped addresses */
    call    capture_reset
    li      t1, 4
    li      s1, 0xdead
    lw      s1, 0(t1)
    CHECK   load_fault_rd_kept, s1, 0xdead
    TRAP_FIELD s1, REC_CAUSE
    CHECK   load_fault_cause, s1, 5
    TRAP_FIELD s1, REC_TVAL
    CHECK   load_fault_tval, s1, 4
    call    capture_reset
    li      t1, 8
    sw      t1, 0(t1)
    TRAP_FIELD s1, REC_CAUSE
    CHECK   store_fault_cause, s1, 7
    TRAP_FIELD s1, REC_TVAL
    CHECK   store_fault_tval, s1, 8

    /* vectored mode: exceptions still go to the base address */
    call    capture_reset
    la      t1, vector_table
    ori     t1, t1, 1
    csrw    mtvec, t1
    csrr    s1, mtvec
    la      t1, vector_table
    sub     s1, s1, t1
    CHECK   mtvec_vectored_mode, s1, 1
    ecall
    la      t1, capture_trap
    csrw    mtvec, t1
    TRAP_FIELD s1, REC_CAUSE
    CHECK   vectored_exception_at_base, s1, 11

    RESTORE_TRAPS
TEST_END

    .text
    .balign 64
    .option push
    .option norvc
vector_table:
    j       capture_trap        /* 0: exceptions */
    .rept   15
    j       bad_vector
    .endr
    .option pop

bad_vector:
    li      a0, 101
    call    exit
