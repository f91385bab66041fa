/* Start-up for the examples: gp, stack, .bss, a trap vector that calls the
 * C function trap_handler(), main(), then exit() through the test finisher. */

    .section .text.init, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top

    la      t0, trap_entry
    csrw    mtvec, t0
#ifdef __riscv_flen
    /* hard float: mstatus.FS = Initial, else the first float instruction is illegal */
    li      t0, 0x2000
    csrs    mstatus, t0
#endif

    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sw      zero, 0(t0)
    addi    t0, t0, 4
    j       1b
2:
    call    main
    call    exit
3:  j       3b

/* Saves what the C calling convention lets the handler clobber, calls
 *   uint32_t trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval)
 * and resumes at the address it returns. */
    .text
    .balign 4
    .globl  trap_entry
trap_entry:
    addi    sp, sp, -64
    sw      ra,  0(sp)
    sw      t0,  4(sp)
    sw      t1,  8(sp)
    sw      t2, 12(sp)
#ifndef __riscv_32e /* RV32E has no x16..x31 */
    sw      t3, 16(sp)
    sw      t4, 20(sp)
    sw      t5, 24(sp)
    sw      t6, 28(sp)
#endif
    sw      a0, 32(sp)
    sw      a1, 36(sp)
    sw      a2, 40(sp)
    sw      a3, 44(sp)
    sw      a4, 48(sp)
    sw      a5, 52(sp)
#ifndef __riscv_32e
    sw      a6, 56(sp)
    sw      a7, 60(sp)
#endif
    csrr    a0, mcause
    csrr    a1, mepc
    csrr    a2, mtval
    call    trap_handler
    csrw    mepc, a0
    lw      ra,  0(sp)
    lw      t0,  4(sp)
    lw      t1,  8(sp)
    lw      t2, 12(sp)
#ifndef __riscv_32e /* RV32E has no x16..x31 */
    lw      t3, 16(sp)
    lw      t4, 20(sp)
    lw      t5, 24(sp)
    lw      t6, 28(sp)
#endif
    lw      a0, 32(sp)
    lw      a1, 36(sp)
    lw      a2, 40(sp)
    lw      a3, 44(sp)
    lw      a4, 48(sp)
    lw      a5, 52(sp)
#ifndef __riscv_32e
    lw      a6, 56(sp)
    lw      a7, 60(sp)
#endif
    addi    sp, sp, 64
    mret
