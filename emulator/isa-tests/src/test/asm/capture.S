/* A trap handler for tests that provoke exceptions: records mcause, mepc and
 * mtval in trap_rec, counts the trap, and resumes after the instruction that
 * trapped (2 or 4 bytes long). Interrupts resume at mepc. Only t0 and t1 are
 * touched, and both are restored. */

    .bss
    .balign 4
    .globl  trap_rec
trap_rec:
    .space  4 * 7        /* cause, epc, tval, count, saved t1, saved mtvec, mstatus */

    .text
    .globl  capture_install
capture_install:
    la      t0, trap_rec
    sw      zero, 0(t0)
    sw      zero, 4(t0)
    sw      zero, 8(t0)
    sw      zero, 12(t0)
    csrr    t1, mtvec
    sw      t1, 20(t0)
    la      t1, capture_trap
    csrw    mtvec, t1
    ret

    .globl  capture_uninstall
capture_uninstall:
    la      t0, trap_rec
    lw      t1, 20(t0)
    csrw    mtvec, t1
    ret

    .globl  capture_reset
capture_reset:
    la      t0, trap_rec
    sw      zero, 0(t0)
    sw      zero, 4(t0)
    sw      zero, 8(t0)
    sw      zero, 12(t0)
    sw      zero, 24(t0)
    ret

    .balign 4
    .globl  capture_trap
capture_trap:
    csrw    mscratch, t0
    la      t0, trap_rec
    sw      t1, 16(t0)
    csrr    t1, mcause
    sw      t1, 0(t0)
    csrr    t1, mepc
    sw      t1, 4(t0)
    csrr    t1, mtval
    sw      t1, 8(t0)
    csrr    t1, mstatus
    sw      t1, 24(t0)
    lw      t1, 12(t0)
    addi    t1, t1, 1
    sw      t1, 12(t0)
    csrr    t1, mcause
    bltz    t1, 1f
    /* length of the trapping instruction from its low two bits */
    csrr    t1, mepc
    lhu     t1, 0(t1)
    andi    t1, t1, 3
    xori    t1, t1, 3
    seqz    t1, t1
    slli    t1, t1, 1
    addi    t1, t1, 2
    csrr    t0, mepc
    add     t0, t0, t1
    csrw    mepc, t0
    la      t0, trap_rec
1:  lw      t1, 16(t0)
    csrr    t0, mscratch
    mret
