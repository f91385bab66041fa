/* minstret and mcycle around the illegal-instruction traps of F and D, as
 * privcount does for the others (same handler and output): QEMU 7.2 finds an
 * F/D instruction with mstatus.FS Off illegal while decoding (counted, like
 * any decoder illegal), but a float CSR with FS Off (the CSR helper) and a
 * reserved rounding mode, static or dynamic from frm (the rounding-mode
 * helper), while executing (not counted). Run on QEMU with
 * -cpu rv32,h=false,s=false (which has F and D) -icount shift=0,sleep=off. */
#include "test.h"

    .section .rodata
fmt_case: .asciz "%s: minstret +%u mcycle +%u mcause %u mtval %08x\n"

    .bss
    .balign 4
last_cause: .space 4
last_tval:  .space 4

    .text
/* Records mcause and mtval, resumes after the trapping instruction (at ra for
 * an instruction fetch fault); an ecall from U mode returns to M mode. */
    .balign 4
skip_handler:
    csrw    mscratch, t0
    csrr    t0, mcause
    bgez    t0, 4f
    /* the timer interrupt that ends a wfi: resume after the wfi with the timer disabled */
    csrw    mie, zero
    csrr    t0, mscratch
    mret
4:  csrr    t0, mcause
    sw      t0, last_cause, t1
    csrr    t0, mtval
    sw      t0, last_tval, t1
    csrr    t0, mcause
    li      t1, 8
    bne     t0, t1, 1f
    li      t1, MSTATUS_MPP
    csrs    mstatus, t1
1:  li      t1, 1
    bne     t0, t1, 2f
    csrw    mepc, ra
    j       3f
2:  csrr    t0, mepc
    lhu     t1, 0(t0)
    andi    t1, t1, 3
    xori    t1, t1, 3
    seqz    t1, t1
    slli    t1, t1, 1
    addi    t1, t1, 2
    add     t0, t0, t1
    csrw    mepc, t0
3:  csrr    t0, mscratch
    mret

/* Drops to U mode at the instruction after the call (clobbers t0). */
to_user:
    csrw    mepc, ra
    li      t0, MSTATUS_MPP
    csrc    mstatus, t0
    mret

/* Counts around the code between CASE_BEGIN and CASE_END, then prints. */
.macro CASE_BEGIN
    sw      zero, last_cause, t0
    sw      zero, last_tval, t0
    csrr    s2, mcycle
    csrr    s0, minstret
.endm

.macro CASE_END name:req
    csrr    s1, minstret
    csrr    s3, mcycle
    .pushsection .rodata.testnames, "a"
.Lname\@: .asciz "\name"
    .popsection
    la      a1, .Lname\@
    sub     a2, s1, s0
    sub     a3, s3, s2
    lw      a4, last_cause
    lw      a5, last_tval
    la      a0, fmt_case
    call    printf
.endm

    .globl  main
main:
    la      t0, skip_handler
    csrw    mtvec, t0
    /* U mode may touch all memory (QEMU checks PMP for U mode; no entry = no access) */
    li      t0, -1
    csrw    pmpaddr0, t0
    li      t0, 0x1f
    csrw    pmpcfg0, t0

    /* FS Off (as at reset) */
    li      t0, 3 << 13
    csrc    mstatus, t0
    CASE_BEGIN
    nop
    CASE_END "nothing"

    CASE_BEGIN
    .word   0x003170d3
    CASE_END "fadd.s (frm rounding) with FS off"

    CASE_BEGIN
    .word   0x003022f3
    CASE_END "csrr fcsr with FS off"

    /* FS Initial */
    li      t0, 1 << 13
    csrs    mstatus, t0
    csrwi   frm, 0
    CASE_BEGIN
    .word   0x003100d3
    CASE_END "fadd.s rne with FS on"

    CASE_BEGIN
    .word   0x003150d3
    CASE_END "fadd.s rm=5"

    csrwi   frm, 5
    CASE_BEGIN
    .word   0x003170d3
    CASE_END "fadd.s dyn with frm=5"
    csrwi   frm, 0

    li      a0, 0
    call    exit
