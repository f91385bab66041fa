.globl _start
_start:
  csrr s0, minstret
  csrr s1, mcycle
  li t0, 0x0200bff8
  lw s2, 0(t0)
  csrr s3, time
  la t0, handler
  csrw mtvec, t0
  ebreak
  mv s4, a6
  mv s5, a7
  # set mtimecmp = 50 (ticks) -> check when interrupt fires
  li t0, 0x02004000
  li t1, 50
  sw t1, 0(t0)
  sw zero, 4(t0)
  csrr s6, minstret
  li t1, 0x80
  csrw mie, t1
  csrsi mstatus, 8
  wfi
  csrr s8, minstret
  li t0, 0x0200bff8
  lw s9, 0(t0)
  # print s0..s11
  mv a0, s0; call phex
  mv a0, s1; call phex
  mv a0, s2; call phex
  mv a0, s3; call phex
  mv a0, s4; call phex
  mv a0, s5; call phex
  mv a0, s6; call phex
  mv a0, s7; call phex
  mv a0, s8; call phex
  mv a0, s9; call phex
  mv a0, s10; call phex
  mv a0, s11; call phex
  li t0, 0x100000
  li t1, 0x5555
  sw t1, 0(t0)
1: j 1b
phex:
  li t0, 0x10000000
  li t2, 8
2: srli t1, a0, 28
  slli a0, a0, 4
  addi t1, t1, 48
  li a1, 58
  blt t1, a1, 3f
  addi t1, t1, 39
3: sb t1, 0(t0)
  addi t2, t2, -1
  bnez t2, 2b
  li t1, 10
  sb t1, 0(t0)
  ret
.align 2
handler:
  csrr a6, mcause
  bltz a6, irq
  csrr a7, mtval
  csrr t2, mepc
  addi t2, t2, 4
  csrw mepc, t2
  mret
irq:
  csrr s7, minstret
  csrr s10, mepc
  li t0, 0x0200bff8
  lw s11, 0(t0)
  csrw mie, zero
  mret
