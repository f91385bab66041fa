/* Debug triggers (Sdtrig) as QEMU 7.2 implements them: tselect, tdata1-3 and
 * tinfo read back after writes, and type-2 (mcontrol) triggers on execute,
 * load and store raising breakpoint exceptions in M and U mode. Not
 * self-checking: prints what it sees; the output must equal QEMU's. */
#include "test.h"

#define TSELECT 0x7a0
#define TDATA1  0x7a1
#define TDATA2  0x7a2
#define TDATA3  0x7a3
#define TINFO   0x7a4
/* mcontrol: type 2, M/U mode bits, execute/store/load */
#define MC_TYPE2 0x20000000
#define MC_M     0x40
#define MC_S     0x10
#define MC_U     0x08
#define MC_EXEC  0x04
#define MC_STORE 0x02
#define MC_LOAD  0x01

    .section .rodata
fmt_rw:    .asciz "%s: wrote %08x read %08x\n"
fmt_read:  .asciz "%s: %08x\n"
fmt_trap:  .asciz "%s: count %u mcause %u mepc %s mtval %s value %08x minstret +%u\n"
at_label:  .asciz "label"
at_other:  .asciz "other"
at_zero:   .asciz "0"
at_data:   .asciz "data"

    .bss
    .balign 4
rec_cause: .space 4
rec_epc:   .space 4
rec_tval:  .space 4
rec_count: .space 4
saved_t1:  .space 4

    .data
    .balign 8
data:  .word 0x11111111, 0x22222222, 0x33333333, 0x44444444

    .text
    .balign 4
handler:
    csrw    mscratch, t0
    sw      t1, saved_t1, t0
    csrr    t0, mcause
    sw      t0, rec_cause, t1
    csrr    t0, mepc
    sw      t0, rec_epc, t1
    csrr    t0, mtval
    sw      t0, rec_tval, t1
    lw      t0, rec_count
    addi    t0, t0, 1
    sw      t0, rec_count, t1
    /* a trigger stays armed: disarm them all so the instruction can run on return */
    /* (writing 0 to tdata1 is ignored on QEMU 7.2: type 0; an mcontrol without bits disarms) */
    csrw    TSELECT, zero
    li      t1, MC_TYPE2
    csrw    TDATA1, t1
    li      t0, 1
    csrw    TSELECT, t0
    csrw    TDATA1, t1
    csrw    TSELECT, zero
    csrr    t0, mcause
    li      t1, 8
    li      t1, 2
    bne     t0, t1, 2f
    /* illegal instruction: skip it (4 bytes) */
    csrr    t0, mepc
    addi    t0, t0, 4
    csrw    mepc, t0
    j       1f
2:  li      t1, 8
    bne     t0, t1, 1f
    /* ecall from U: back to M after it */
    li      t1, MSTATUS_MPP
    csrs    mstatus, t1
    csrr    t0, mepc
    addi    t0, t0, 4
    csrw    mepc, t0
1:  lw      t1, saved_t1
    csrr    t0, mscratch
    mret

to_user:
    csrw    mepc, ra
    li      t0, MSTATUS_MPP
    csrc    mstatus, t0
    mret

/* s5 = address the trigger points at (label), printed as a name */
.macro REPORT name:req, expect:req
    .pushsection .rodata.testnames, "a"
.Lname\@: .asciz "\name"
    .popsection
    csrr    s1, minstret
    la      a1, .Lname\@
    lw      a2, rec_count
    lw      a3, rec_cause
    lw      a0, rec_epc
    mv      a1, s7
    call    name_of
    mv      a4, a0
    lw      a0, rec_tval
    mv      a1, \expect
    call    name_of
    mv      a5, a0
    la      a1, .Lname\@
    lw      a2, rec_count
    lw      a3, rec_cause
    mv      a6, s6
    sub     a7, s1, s0
    la      a0, fmt_trap
    call    printf
    sw      zero, rec_count, t0
    sw      zero, rec_cause, t0
    sw      zero, rec_epc, t0
    sw      zero, rec_tval, t0
.endm

/* name_of(a0 = address, a1 = expected): "label" if equal, "0" if zero, "data" if in data, else "other" */
name_of:
    la      t0, at_label
    beq     a0, a1, 9f
    la      t0, at_zero
    beqz    a0, 9f
    la      t1, data
    la      t0, at_data
    sub     t2, a0, t1
    sltiu   t2, t2, 16
    bnez    t2, 9f
    la      t0, at_other
9:  mv      a0, t0
    ret

.macro PRINT_RW name:req, csr:req, value:req
    .pushsection .rodata.testnames, "a"
.Lname\@: .asciz "\name"
    .popsection
    li      t0, \value
    csrw    \csr, t0
    csrr    a3, \csr
    li      a2, \value
    la      a1, .Lname\@
    la      a0, fmt_rw
    call    printf
.endm

.macro PRINT_CSR name:req, csr:req
    .pushsection .rodata.testnames, "a"
.Lname\@: .asciz "\name"
    .popsection
    csrr    a2, \csr
    la      a1, .Lname\@
    la      a0, fmt_read
    call    printf
.endm

.macro ARM n:req, addr:req, bits:req
    li      t0, \n
    csrw    TSELECT, t0
    la      t0, \addr
    csrw    TDATA2, t0
    li      t0, \bits
    csrw    TDATA1, t0
.endm

    .globl  main
main:
    la      t0, handler
    csrw    mtvec, t0
    li      t0, -1
    csrw    pmpaddr0, t0
    li      t0, 0x1f
    csrw    pmpcfg0, t0

    PRINT_CSR "tselect at reset", TSELECT
    PRINT_CSR "tdata1 0 at reset", TDATA1
    PRINT_CSR "tdata2 0 at reset", TDATA2
    PRINT_CSR "tdata3 0 at reset", TDATA3
    PRINT_CSR "tinfo 0", TINFO
    PRINT_RW "tselect", TSELECT, 1
    PRINT_CSR "tdata1 1 at reset", TDATA1
    PRINT_CSR "tinfo 1", TINFO
    PRINT_RW "tselect", TSELECT, 2
    PRINT_RW "tselect", TSELECT, 5
    PRINT_RW "tselect", TSELECT, -1
    PRINT_CSR "tdata1 after bad tselect", TDATA1
    PRINT_RW "tselect", TSELECT, 0
    PRINT_RW "tdata1", TDATA1, 0xffffffff
    PRINT_RW "tdata1", TDATA1, 0
    PRINT_RW "tdata1", TDATA1, 0x20000000
    PRINT_RW "tdata1", TDATA1, 0x2000004c
    PRINT_RW "tdata1", TDATA1, 0x28000047
    PRINT_RW "tdata1", TDATA1, 0x2fffffff
    PRINT_RW "tdata1", TDATA1, 0x20001044
    PRINT_RW "tdata1", TDATA1, 0x20000844
    PRINT_RW "tdata1", TDATA1, 0x20000084
    PRINT_RW "tdata1", TDATA1, 0x20010044
    PRINT_RW "tdata1", TDATA1, 0x20200044
    /* type 1 and types 8-14 make QEMU 7.2 abort (an assertion): not probed; 0, 4, 5, 7, 15 are ignored */
    PRINT_RW "tdata1", TDATA1, 0x40000000
    PRINT_RW "tdata1", TDATA1, 0x50000000
    PRINT_RW "tdata1", TDATA1, 0x70000000
    PRINT_RW "tdata1", TDATA1, 0xf0000000
    PRINT_RW "tdata1", TDATA1, 0x60000000
    PRINT_RW "tdata1", TDATA1, 0x6fffffff
    PRINT_RW "tdata1", TDATA1, 0x6000004c
    PRINT_RW "tdata1", TDATA1, 0x60010044
    PRINT_RW "tdata1", TDATA1, 0x60020044
    PRINT_RW "tdata1", TDATA1, 0x60030044
    PRINT_RW "tdata1", TDATA1, 0x60040044
    PRINT_RW "tdata1", TDATA1, 0x60050044
    PRINT_RW "tdata1", TDATA1, 0x60060044
    PRINT_RW "tdata1", TDATA1, 0x60070044
    PRINT_RW "tdata1", TDATA1, 0x60080044
    PRINT_RW "tdata1", TDATA1, 0x600f0044
    PRINT_RW "tdata1", TDATA1, 0x60100044
    PRINT_RW "tdata1", TDATA1, 0x60200044
    PRINT_RW "tdata1", TDATA1, 0x60400044
    PRINT_RW "tdata1", TDATA1, 0x60800044
    PRINT_RW "tdata1", TDATA1, 0x61000044
    PRINT_RW "tdata1", TDATA1, 0x00000044
    PRINT_RW "tdata1", TDATA1, 0x20000044
    PRINT_RW "tdata1", TDATA1, 0x00000044
    PRINT_RW "tdata2", TDATA2, 0x12345678
    PRINT_RW "tdata3", TDATA3, 0x12345678
    PRINT_RW "tdata3", TDATA3, 0xffffffff
    li      t0, MC_TYPE2
    csrw    TDATA1, t0
    csrw    TDATA2, zero
    li      t0, 1
    csrw    TSELECT, t0
    PRINT_RW "tdata2 1", TDATA2, 0x87654321
    li      t0, MC_TYPE2
    csrw    TDATA1, t0
    csrw    TSELECT, zero

    /* execute trigger in M mode */
    ARM 0, 1f, MC_TYPE2|MC_M|MC_EXEC
    la      s5, 1f
    mv      s7, s5
    li      s6, 0
    csrr    s0, minstret
    nop
1:  addi    s6, s6, 1
    REPORT "execute M", s5

    /* the same trigger with U only does not fire in M */
    ARM 0, 1f, MC_TYPE2|MC_U|MC_EXEC
    la      s5, 1f
    mv      s7, s5
    li      s6, 0
    csrr    s0, minstret
1:  addi    s6, s6, 1
    REPORT "execute U-only in M", s5
    li      t0, MC_TYPE2
    csrw    TDATA1, t0

    /* the second trigger */
    ARM 1, 1f, MC_TYPE2|MC_M|MC_EXEC
    la      s5, 1f
    mv      s7, s5
    li      s6, 0
    csrr    s0, minstret
1:  addi    s6, s6, 1
    REPORT "execute M trigger 1", s5

    /* on a compressed instruction */
    ARM 0, 1f, MC_TYPE2|MC_M|MC_EXEC
    la      s5, 1f
    mv      s7, s5
    li      s6, 0
    csrr    s0, minstret
1:  c.addi  s6, 1
    REPORT "execute M compressed", s5

    /* load trigger */
    ARM 0, data+4, MC_TYPE2|MC_M|MC_LOAD
    la      s5, data+4
    la      s7, 2f
    li      s6, 0
    csrr    s0, minstret
    lw      s6, 4(s5)
    li      s6, 0
2:  lw      s6, 0(s5)
    REPORT "load M", s5

    ARM 0, data+4, MC_TYPE2|MC_M|MC_LOAD
    la      s5, data+4
    la      s7, 2f
    li      s6, 0
    csrr    s0, minstret
2:  lb      s6, 2(s5)
    REPORT "load M byte inside the word", s5

    ARM 0, data+4, MC_TYPE2|MC_M|MC_LOAD
    la      s5, data+4
    la      s7, 2f
    li      s6, 0
    csrr    s0, minstret
2:  lw      s6, -2(s5)
    REPORT "load M word across", s5

    ARM 0, data+4, MC_TYPE2|MC_M|MC_LOAD
    la      s5, data+4
    la      s7, 2f
    li      s6, 0
    csrr    s0, minstret
2:  lb      s6, 4(s5)
    REPORT "load M byte after", s5
    ARM 0, data+4, MC_TYPE2|MC_M|MC_LOAD
    la      s5, data+4
    la      s7, 2f
    li      s6, 0
    csrr    s0, minstret
2:  lb      s6, 3(s5)
    REPORT "load M byte before", s5
    li      t0, MC_TYPE2
    csrw    TDATA1, t0

    ARM 0, data+4, MC_TYPE2|MC_M|MC_STORE
    la      s5, data+4
    la      s7, 2f
    li      s6, 0
    csrr    s0, minstret
    li      t1, 0x5a5a5a5a
    lw      s6, 0(s5)
2:  sw      t1, 0(s5)
    lw      s6, 0(s5)
    REPORT "store M", s5

    ARM 0, data+4, MC_TYPE2|MC_M|MC_STORE
    la      s5, data+4
    la      s7, 2f
    csrr    s0, minstret
    li      t1, 0x66
2:  sb      t1, 1(s5)
    lw      s6, 0(s5)
    REPORT "store M byte inside", s5

    ARM 0, data+4, MC_TYPE2|MC_M|MC_LOAD|MC_STORE
    la      s5, data+4
    la      s7, 2f
    csrr    s0, minstret
    li      t1, 1
2:  amoadd.w s6, t1, (s5)
    REPORT "amoadd M load+store", s5
    lw      s6, 0(s5)
    csrr    s0, minstret
    REPORT "after amoadd", s5

    ARM 0, data+4, MC_TYPE2|MC_M|MC_STORE
    la      s5, data+4
    la      s7, 2f
    csrr    s0, minstret
    li      t1, 1
2:  amoadd.w s6, t1, (s5)
    REPORT "amoadd M store only", s5

    ARM 0, data+4, MC_TYPE2|MC_M|MC_LOAD
    la      s5, data+4
    la      s7, 2f
    csrr    s0, minstret
    li      t1, 1
2:  lr.w    s6, (s5)
    REPORT "lr.w M load", s5
    li      t0, MC_TYPE2
    csrw    TDATA1, t0

    /* U mode: trigger with U bit fires in U */
    ARM 0, 1f, MC_TYPE2|MC_U|MC_EXEC
    la      s5, 1f
    mv      s7, s5
    li      s6, 0
    csrr    s0, minstret
    call    to_user
1:  addi    s6, s6, 1
    ecall
    REPORT "execute U", s5

    ARM 0, 1f, MC_TYPE2|MC_M|MC_EXEC
    la      s5, 1f
    mv      s7, s5
    li      s6, 0
    csrr    s0, minstret
    call    to_user
1:  addi    s6, s6, 1
    ecall
    REPORT "execute M-only in U", s5
    li      t0, MC_TYPE2
    csrw    TDATA1, t0

    ARM 0, data+8, MC_TYPE2|MC_U|MC_LOAD
    la      s5, data+8
    la      s7, 2f
    li      s6, 0
    csrr    s0, minstret
    call    to_user
2:  lw      s6, 0(s5)
    ecall
    REPORT "load U", s5

    /* U mode cannot see the trigger CSRs */
    la      s7, 2f
    csrr    s0, minstret
    call    to_user
2:  csrr    s6, TSELECT
    ecall
    REPORT "csrr tselect in U", s5

    /* size 1 (byte): only accesses that touch data+4 itself */
    ARM 0, data+4, MC_TYPE2|MC_M|MC_LOAD|0x10000
    la      s5, data+4
    la      s7, 2f
    csrr    s0, minstret
    lb      s6, 1(s5)
2:  lh      s6, 0(s5)
    REPORT "load size 1", s5
    ARM 0, data+4, MC_TYPE2|MC_M|MC_LOAD|0x20000
    la      s5, data+4
    la      s7, 2f
    csrr    s0, minstret
    lb      s6, 2(s5)
2:  lb      s6, 1(s5)
    REPORT "load size 2", s5
    ARM 0, data+4, MC_TYPE2|MC_M|MC_LOAD|0x30000
    la      s5, data+4
    la      s7, 2f
    csrr    s0, minstret
    lb      s6, 4(s5)
2:  lb      s6, 3(s5)
    REPORT "load size 4", s5
    /* type 6 (mcontrol6) */
    ARM 0, 1f, 0x60000000|MC_M|MC_EXEC
    la      s5, 1f
    mv      s7, s5
    li      s6, 0
    csrr    s0, minstret
1:  addi    s6, s6, 1
    REPORT "execute M type 6", s5
    ARM 1, data+4, 0x60000000|MC_M|MC_STORE
    la      s5, data+4
    la      s7, 2f
    csrr    s0, minstret
    li      t1, 0x77
2:  sb      t1, 7(s5)
    lw      s6, 4(s5)
    REPORT "store M type 6", s5
    li      t0, MC_TYPE2
    csrw    TDATA1, t0
    csrw    TSELECT, zero

    li      a0, 0
    call    exit
