/* minstret and mcycle around every kind of trap, in M and in U mode: not
 * self-checking, prints for each case the counter deltas and what the trap
 * recorded (mcause, mtval). The output must equal QEMU's with
 * -cpu rv32,h=false,s=false -icount shift=0,sleep=off (machine and user
 * mode, no S mode, as Backstep) instruction for instruction: it shows which
 * trapping instructions count as retired, as QEMU 7.2 counts them (ecall,
 * ebreak and instructions the decoder finds illegal: yes; instructions found
 * illegal while executing - CSR checks, mret and wfi in U mode - and
 * faulting or misaligned accesses: no). */
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

    CASE_BEGIN
    nop
    CASE_END "nothing"

    CASE_BEGIN
    .option push
    .option norvc
    ecall
    .option pop
    CASE_END "ecall in M"

    CASE_BEGIN
    .option push
    .option norvc
    ebreak
    .option pop
    CASE_END "ebreak in M"

    CASE_BEGIN
    c.ebreak
    CASE_END "c.ebreak in M"

    CASE_BEGIN
    .half   0
    CASE_END "illegal 16-bit zero in M"

    CASE_BEGIN
    .word   0x0000000b
    CASE_END "illegal custom-0 opcode in M"

    CASE_BEGIN
    .word   0x00004073
    CASE_END "illegal system funct3=4 in M"

    CASE_BEGIN
    csrr    t1, 0x8ff
    CASE_END "csrr of a missing CSR in M"

    CASE_BEGIN
    csrw    mvendorid, t1
    CASE_END "csrw of a read-only CSR in M"

    CASE_BEGIN
    sret
    CASE_END "sret in M"

    CASE_BEGIN
    li      t1, 0
    lw      t2, 0(t1)
    CASE_END "load access fault in M"

    CASE_BEGIN
    li      t1, 0
    sw      t2, 0(t1)
    CASE_END "store access fault in M"

    CASE_BEGIN
    li      t1, 0
    amoadd.w t2, t2, (t1)
    CASE_END "amo access fault in M"

    CASE_BEGIN
    li      t1, 0
    jalr    ra, 0(t1)
    CASE_END "instruction access fault in M"

    la      s4, scratch
    addi    s5, s4, 2
    CASE_BEGIN
    lr.w    t2, (s5)
    CASE_END "misaligned lr.w in M"

    CASE_BEGIN
    addi    t1, s4, 2
    amoadd.w t2, t2, (t1)
    CASE_END "misaligned amoadd.w in M"

    CASE_BEGIN
    lr.w    t2, (s4)
    addi    t1, s4, 2
    sc.w    t2, t2, (t1)
    CASE_END "misaligned sc.w in M"

    CASE_BEGIN
    lw      t2, 1(s4)
    CASE_END "misaligned lw in M"

    /* U mode; counters hidden from U (mcounteren = 0) */
    csrw    mcounteren, zero

    CASE_BEGIN
    call    to_user
    ecall
    CASE_END "to U and ecall back"

    CASE_BEGIN
    call    to_user
    csrr    t1, mstatus
    ecall
    CASE_END "csrr mstatus in U"

    CASE_BEGIN
    call    to_user
    csrw    mscratch, t1
    ecall
    CASE_END "csrw mscratch in U"

    CASE_BEGIN
    call    to_user
    rdinstret t1
    ecall
    CASE_END "rdinstret in U, mcounteren 0"

    CASE_BEGIN
    call    to_user
    rdcycle t1
    ecall
    CASE_END "rdcycle in U, mcounteren 0"

    CASE_BEGIN
    call    to_user
    rdtime  t1
    ecall
    CASE_END "rdtime in U, mcounteren 0"

    CASE_BEGIN
    call    to_user
    mret
    ecall
    CASE_END "mret in U"

    li      t0, MSTATUS_TW
    csrs    mstatus, t0
    CASE_BEGIN
    call    to_user
    wfi
    ecall
    CASE_END "wfi in U with TW"
    li      t0, MSTATUS_TW
    csrc    mstatus, t0

    /* without S mode and TW = 0, wfi in U waits (here for a timer interrupt 1000 ticks on) */
    li      t0, CLINT_MTIME
    lw      t1, 0(t0)
    li      t0, 1000
    add     t1, t1, t0
    li      t0, CLINT_MTIMECMP
    li      t2, -1
    sw      t2, 4(t0)
    sw      t1, 0(t0)
    sw      zero, 4(t0)
    li      t0, MIP_MTIP
    csrw    mie, t0
    CASE_BEGIN
    call    to_user
    wfi
    ecall
    CASE_END "wfi in U until a timer interrupt"
    csrw    mie, zero

    CASE_BEGIN
    call    to_user
    .option push
    .option norvc
    ebreak
    .option pop
    ecall
    CASE_END "ebreak in U"

    CASE_BEGIN
    call    to_user
    .word   0x0000000b
    ecall
    CASE_END "illegal instruction in U"

    CASE_BEGIN
    call    to_user
    li      t1, 0
    lw      t2, 0(t1)
    ecall
    CASE_END "load access fault in U"

    li      t0, -1
    csrw    mcounteren, t0
    CASE_BEGIN
    call    to_user
    rdinstret t1
    rdcycle t1
    rdtime  t1
    ecall
    CASE_END "counters in U, mcounteren all ones"

    li      t0, 0x2
    csrw    mcounteren, t0
    CASE_BEGIN
    call    to_user
    rdinstret t1
    rdtime  t1
    ecall
    CASE_END "rdinstret and rdtime in U, mcounteren TM only"

    li      t0, 0x5
    csrw    mcounteren, t0
    CASE_BEGIN
    call    to_user
    rdinstret t1
    rdtime  t1
    ecall
    CASE_END "rdinstret and rdtime in U, mcounteren CY and IR"

    /* mcountinhibit: QEMU 7.2 accepts the writes; counting goes on under -icount */
    li      t0, 0x5
    csrw    mcountinhibit, t0
    CASE_BEGIN
    nop
    CASE_END "nothing with mcountinhibit CY IR"
    csrw    mcountinhibit, zero

    li      a0, 0
    call    exit

    .data
    .balign 8
scratch: .word 0x11223344, 0x55667788
