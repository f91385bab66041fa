# A guest whose trap vector points at unmapped memory: the ecall enters the trap at mtvec, where every fetch
# faults (instruction access fault, mtval = mtvec) and enters the same trap again, without retiring an
# instruction. QEMU spins there for ever; Backstep stops with a trap loop (status 125).
    .section .text
    .globl _start
_start:
    li t0, 0x50000000       # nothing is mapped there on the virt board
    csrw mtvec, t0
    li a0, 42
    ecall
1:  j 1b
