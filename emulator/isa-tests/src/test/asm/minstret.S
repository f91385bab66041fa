/* Prints minstret (and mtime) at a few points: after start-up, a counted
 * loop, a taken trap, UART output, a wfi sleep until a timer deadline. The
 * output must be the same on QEMU with -icount shift=0 and on Backstep,
 * instruction for instruction. */
#include "test.h"

    .section .rodata
fmt_point: .asciz "%s: minstret %u\n"
fmt_time:  .asciz "%s: mtime %u\n"
fmt_delta: .asciz "%s: delta %u\n"
name_start: .asciz "start"
name_loop:  .asciz "after 1000-iteration loop"
name_trap:  .asciz "after ecall round trip"
name_print: .asciz "after printing"
name_wfi:   .asciz "after wfi until timer"
name_end:   .asciz "end"

/* print "<name>: minstret <value of reg>" */
.macro PRINT_POINT name:req, reg:req
    mv      a2, \reg
    la      a1, \name
    la      a0, fmt_point
    call    printf
.endm

    .text
    .balign 4
skip_ecall:
    csrr    t0, mepc
    addi    t0, t0, 4
    csrw    mepc, t0
    mret

    .globl  main
main:
    csrr    s0, minstret
    PRINT_POINT name_start, s0

    csrr    s0, minstret
    li      t0, 1000
1:  addi    t0, t0, -1
    bnez    t0, 1b
    csrr    s1, minstret
    sub     s1, s1, s0
    la      a1, name_loop
    mv      a2, s1
    la      a0, fmt_delta
    call    printf

    la      t0, skip_ecall
    csrw    mtvec, t0
    csrr    s0, minstret
    .option push
    .option norvc
    ecall
    .option pop
    csrr    s1, minstret
    la      t0, trap_entry
    csrw    mtvec, t0
    sub     s1, s1, s0
    la      a1, name_trap
    mv      a2, s1
    la      a0, fmt_delta
    call    printf

    csrr    s0, minstret
    PRINT_POINT name_print, s0

    /* sleep in wfi until mtime passes now + 2000 (MTIE on, MIE off) */
    li      t0, CLINT_MTIME
    lw      s2, 0(t0)
    li      t0, 2000
    add     s3, s2, t0
    li      t0, CLINT_MTIMECMP
    li      t1, -1
    sw      t1, 4(t0)
    sw      s3, 0(t0)
    sw      zero, 4(t0)
    li      t0, MIP_MTIP
    csrs    mie, t0
    csrr    s0, minstret
2:  wfi
    csrr    t0, mip
    andi    t0, t0, MIP_MTIP
    beqz    t0, 2b
    csrr    s1, minstret
    csrw    mie, zero
    li      t0, CLINT_MTIME
    lw      s4, 0(t0)
    sub     s1, s1, s0
    la      a1, name_wfi
    mv      a2, s1
    la      a0, fmt_delta
    call    printf
    sub     a2, s4, s2
    la      a1, name_wfi
    la      a0, fmt_time
    call    printf

    csrr    s0, minstret
    PRINT_POINT name_end, s0
    li      a0, 0
    call    exit
