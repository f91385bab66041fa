/* minirtos port: the trap handler that switches tasks, the first task's start
 * and a new task's initial context. A task's context is saved on its own stack
 * in the layout of the GCC/RISC-V port of FreeRTOS V11.0 and V11.1 (31 words,
 * pxTopOfStack pointing at word 0):
 *
 *   word 0      mepc: where the task resumes
 *   word 1      x1 (ra)
 *   words 2-28  x5 to x31 (gp and tp are the same for every task and not saved)
 *   word 29     xCriticalNesting of the task
 *   word 30     mstatus (its MPIE is the task's interrupt enable)
 *
 * The C part, vPortHandleTrap, runs on an interrupt stack of its own. */

#define WORD 4
#define CONTEXT_WORDS 31

    .section .bss
    .balign 16
xISRStack:
    .space 1024
xISRStackTop:

    .text
    .balign 4
    .globl port_trap_handler
port_trap_handler:
    addi    sp, sp, -CONTEXT_WORDS * WORD
    sw      x1,   1 * WORD(sp)
    sw      x5,   2 * WORD(sp)
    sw      x6,   3 * WORD(sp)
    sw      x7,   4 * WORD(sp)
    sw      x8,   5 * WORD(sp)
    sw      x9,   6 * WORD(sp)
    sw      x10,  7 * WORD(sp)
    sw      x11,  8 * WORD(sp)
    sw      x12,  9 * WORD(sp)
    sw      x13, 10 * WORD(sp)
    sw      x14, 11 * WORD(sp)
    sw      x15, 12 * WORD(sp)
    sw      x16, 13 * WORD(sp)
    sw      x17, 14 * WORD(sp)
    sw      x18, 15 * WORD(sp)
    sw      x19, 16 * WORD(sp)
    sw      x20, 17 * WORD(sp)
    sw      x21, 18 * WORD(sp)
    sw      x22, 19 * WORD(sp)
    sw      x23, 20 * WORD(sp)
    sw      x24, 21 * WORD(sp)
    sw      x25, 22 * WORD(sp)
    sw      x26, 23 * WORD(sp)
    sw      x27, 24 * WORD(sp)
    sw      x28, 25 * WORD(sp)
    sw      x29, 26 * WORD(sp)
    sw      x30, 27 * WORD(sp)
    sw      x31, 28 * WORD(sp)
    lw      t0, xCriticalNesting
    sw      t0, 29 * WORD(sp)
    csrr    t0, mstatus
    sw      t0, 30 * WORD(sp)
    lw      t0, pxCurrentTCB
    sw      sp, 0(t0)               /* pxTopOfStack */

    csrr    a0, mcause
    csrr    a1, mepc
    bltz    a0, 1f
    addi    a1, a1, 4               /* an ecall resumes after itself */
1:  sw      a1, 0(sp)
    la      sp, xISRStackTop
    call    vPortHandleTrap
    j       port_restore_context

    .globl xPortStartFirstTask
xPortStartFirstTask:
port_restore_context:
    lw      t1, pxCurrentTCB
    lw      sp, 0(t1)
    lw      t0, 0(sp)
    csrw    mepc, t0
    lw      t0, 30 * WORD(sp)
    csrw    mstatus, t0
    lw      t0, 29 * WORD(sp)
    lw      t1, pxCriticalNesting
    sw      t0, 0(t1)
    lw      x1,   1 * WORD(sp)
    lw      x5,   2 * WORD(sp)
    lw      x6,   3 * WORD(sp)
    lw      x7,   4 * WORD(sp)
    lw      x8,   5 * WORD(sp)
    lw      x9,   6 * WORD(sp)
    lw      x10,  7 * WORD(sp)
    lw      x11,  8 * WORD(sp)
    lw      x12,  9 * WORD(sp)
    lw      x13, 10 * WORD(sp)
    lw      x14, 11 * WORD(sp)
    lw      x15, 12 * WORD(sp)
    lw      x16, 13 * WORD(sp)
    lw      x17, 14 * WORD(sp)
    lw      x18, 15 * WORD(sp)
    lw      x19, 16 * WORD(sp)
    lw      x20, 17 * WORD(sp)
    lw      x21, 18 * WORD(sp)
    lw      x22, 19 * WORD(sp)
    lw      x23, 20 * WORD(sp)
    lw      x24, 21 * WORD(sp)
    lw      x25, 22 * WORD(sp)
    lw      x26, 23 * WORD(sp)
    lw      x27, 24 * WORD(sp)
    lw      x28, 25 * WORD(sp)
    lw      x29, 26 * WORD(sp)
    lw      x30, 27 * WORD(sp)
    lw      x31, 28 * WORD(sp)
    addi    sp, sp, CONTEXT_WORDS * WORD
    mret

/* StackType_t *pxPortInitialiseStack(StackType_t *top, TaskFunction_t code, void *param):
 * a context as if the task had been interrupted just before its first
 * instruction, with its parameter in a0 and interrupts enabled once it runs. */
    .globl pxPortInitialiseStack
pxPortInitialiseStack:
    addi    a0, a0, -CONTEXT_WORDS * WORD
    mv      t0, a0
    addi    t1, a0, CONTEXT_WORDS * WORD
2:  sw      zero, 0(t0)
    addi    t0, t0, WORD
    bltu    t0, t1, 2b
    sw      a1, 0(a0)               /* mepc: the task's function */
    la      t0, prvTaskExitError
    sw      t0, 1 * WORD(a0)        /* ra: a task must never return */
    sw      a2, 7 * WORD(a0)        /* a0: the parameter */
    li      t0, 0x1880              /* MPP = machine, MPIE */
    sw      t0, 30 * WORD(a0)
    ret
