/* A trap vector that keeps the interrupted registers in its own layout, the
 * struct trap_frame of oracle.c, and passes it to on_trap(). Its CFI says
 * where each register went, and that this frame returns to mepc: the return
 * column is 64, the psABI's alternate frame return column, first in the
 * mepc CSR (DWARF number 4096 + 0x341), then in the frame's mepc slot. */
    .text
    .balign 4
    .globl  trap_vector
    .type   trap_vector, @function
trap_vector:
    .cfi_startproc
    .cfi_signal_frame
    .cfi_return_column 64
    .cfi_register 64, 4929
    addi    sp, sp, -80
    .cfi_def_cfa_offset 80
    sw      ra,  8(sp)
    .cfi_offset ra, -72
    sw      t0, 12(sp)
    .cfi_offset t0, -68
    sw      t1, 16(sp)
    .cfi_offset t1, -64
    sw      t2, 20(sp)
    .cfi_offset t2, -60
    sw      t3, 24(sp)
    .cfi_offset t3, -56
    sw      t4, 28(sp)
    .cfi_offset t4, -52
    sw      t5, 32(sp)
    .cfi_offset t5, -48
    sw      t6, 36(sp)
    .cfi_offset t6, -44
    sw      a0, 40(sp)
    .cfi_offset a0, -40
    sw      a1, 44(sp)
    .cfi_offset a1, -36
    sw      a2, 48(sp)
    .cfi_offset a2, -32
    sw      a3, 52(sp)
    .cfi_offset a3, -28
    sw      a4, 56(sp)
    .cfi_offset a4, -24
    sw      a5, 60(sp)
    .cfi_offset a5, -20
    sw      a6, 64(sp)
    .cfi_offset a6, -16
    sw      a7, 68(sp)
    .cfi_offset a7, -12
    csrr    t0, mepc
    sw      t0, 0(sp)
    .cfi_offset 64, -80
    csrr    t1, mcause
    sw      t1, 4(sp)
    mv      a0, sp
    call    on_trap
    lw      t0, 0(sp)
    csrw    mepc, t0
    lw      ra,  8(sp)
    lw      t0, 12(sp)
    lw      t1, 16(sp)
    lw      t2, 20(sp)
    lw      t3, 24(sp)
    lw      t4, 28(sp)
    lw      t5, 32(sp)
    lw      t6, 36(sp)
    lw      a0, 40(sp)
    lw      a1, 44(sp)
    lw      a2, 48(sp)
    lw      a3, 52(sp)
    lw      a4, 56(sp)
    lw      a5, 60(sp)
    lw      a6, 64(sp)
    lw      a7, 68(sp)
    addi    sp, sp, 80
    .cfi_def_cfa_offset 0
    mret
    .cfi_endproc
    .size   trap_vector, . - trap_vector
