/* F and D on the hart: mstatus.FS (Off makes every F/D instruction and the float CSRs illegal; writes make it
 * Dirty, and SD follows), fflags/frm/fcsr, static and dynamic rounding (reserved modes are illegal), NaN-boxing,
 * loads and stores in every width and compressed form, moves and conversions, and minstret across it all.
 * Built for rv32imafdc; QEMU runs it with -cpu rv32,f=true,d=true under -icount. */
#include "test.h"

#define FS_MASK 0x6000
#define SD_BIT  0x80000000

/* Reads mstatus & (FS | SD) into reg. */
.macro FS_STATE reg:req
    csrr    \reg, mstatus
    li      t6, (FS_MASK | SD_BIT)
    and     \reg, \reg, t6
.endm

    .data
    .balign 8
dbl_one:    .double 1.0
dbl_third:  .word 0x55555555, 0x3fd55555
sgl_vals:   .float 1.5, -2.25, 3.0, 0.1
buf:        .space 64

TEST_BEGIN
    CAPTURE_TRAPS
    /* Off at reset: FS = 0, and an F instruction is illegal (mtval = its bits) */
    li      t0, FS_MASK
    csrc    mstatus, t0
    FS_STATE s1
    CHECK   fs_off_at_start, s1, 0
    .option push
    .option norvc
fadd_off:
    fadd.s  f1, f2, f3
    .option pop
    TRAP_FIELD s1, REC_CAUSE
    CHECK   fs_off_fadd_cause, s1, 2
    TRAP_FIELD s1, REC_TVAL
    CHECK   fs_off_fadd_tval, s1, 0x003100d3 | (7 << 12)
    call    capture_reset
    csrr    s1, fcsr
    TRAP_FIELD s1, REC_CAUSE
    CHECK   fs_off_fcsr_cause, s1, 2
    call    capture_reset
    la      a0, sgl_vals
    c.flw   fa1, 0(a0)
    TRAP_FIELD s1, REC_CAUSE
    CHECK   fs_off_cflw_cause, s1, 2
    TRAP_FIELD s1, REC_TVAL
    CHECK   fs_off_cflw_tval, s1, 0x610c
    TRAP_FIELD s1, REC_COUNT
    CHECK   fs_off_trap_count, s1, 1
    call    capture_reset

    /* Initial: instructions run; a write of a float register makes FS Dirty with SD */
    li      t0, 0x2000
    csrs    mstatus, t0
    FS_STATE s1
    CHECK   fs_initial, s1, 0x2000
    la      a0, sgl_vals
    fsw     f0, 0(a0)      /* stores write no float register: FS stays */
    FS_STATE s1
    CHECK   fs_store_keeps_initial, s1, 0x2000
    li      t0, 0x3f800000
    fmv.w.x ft0, t0
    FS_STATE s1
    CHECK   fs_dirty_after_fmv, s1, 0x80006000
    /* Clean: a comparison (writes x only) leaves it, a flag-only write of fflags makes it Dirty */
    li      t0, FS_MASK
    csrc    mstatus, t0
    li      t0, 0x4000
    csrs    mstatus, t0
    FS_STATE s1
    CHECK   fs_clean, s1, 0x4000
    feq.s   t1, ft0, ft0
    FS_STATE s1
    CHECK   fs_clean_after_feq, s1, 0x4000
    fcvt.w.s t1, ft0
    FS_STATE s1
    CHECK   fs_clean_after_fcvt_w, s1, 0x4000
    csrw    fflags, zero
    FS_STATE s1
    CHECK   fs_dirty_after_csrw_fflags, s1, 0x80006000

    /* fcsr, frm, fflags */
    li      t0, 0xff
    csrw    fcsr, t0
    csrr    s1, fcsr
    CHECK   fcsr_write_all, s1, 0xff
    csrr    s1, frm
    CHECK   frm_of_fcsr, s1, 7
    csrr    s1, fflags
    CHECK   fflags_of_fcsr, s1, 0x1f
    li      t0, 0xfffffff2
    csrw    frm, t0
    csrr    s1, fcsr
    CHECK   frm_write_3_bits, s1, 0x5f
    csrwi   fflags, 0x3
    csrr    s1, fcsr
    CHECK   fflags_write_5_bits, s1, 0x43
    csrrwi  s1, fcsr, 0
    CHECK   fcsr_swap_old, s1, 0x43
    csrr    s1, fcsr
    CHECK   fcsr_cleared, s1, 0

    /* flags raised by arithmetic */
    li      t0, 0x3f800000     /* 1.0f */
    fmv.w.x ft1, t0
    li      t0, 0x40400000     /* 3.0f */
    fmv.w.x ft2, t0
    fdiv.s  ft3, ft1, ft2
    csrr    s1, fflags
    CHECK   fdiv_third_nx, s1, 0x1
    fmv.x.w s1, ft3
    CHECK   fdiv_third_rne, s1, 0x3eaaaaab
    fdiv.s  ft3, ft1, ft2, rtz
    fmv.x.w s1, ft3
    CHECK   fdiv_third_rtz, s1, 0x3eaaaaaa
    fdiv.s  ft3, ft1, ft2, rup
    fmv.x.w s1, ft3
    CHECK   fdiv_third_rup, s1, 0x3eaaaaab
    fmv.w.x ft4, zero
    csrw    fflags, zero
    fdiv.s  ft3, ft1, ft4
    csrr    s1, fflags
    CHECK   fdiv_by_zero_dz, s1, 0x8
    fmv.x.w s1, ft3
    CHECK   fdiv_by_zero_inf, s1, 0x7f800000
    csrw    fflags, zero
    fdiv.s  ft3, ft4, ft4
    csrr    s1, fflags
    CHECK   zero_by_zero_nv, s1, 0x10
    fmv.x.w s1, ft3
    CHECK   zero_by_zero_canonical_nan, s1, 0x7fc00000

    /* dynamic rounding follows frm */
    li      t0, 1
    csrw    frm, t0            /* RTZ */
    fdiv.s  ft3, ft1, ft2
    fmv.x.w s1, ft3
    CHECK   frm_rtz_used, s1, 0x3eaaaaaa
    li      t0, 3
    csrw    frm, t0            /* RUP */
    fdiv.s  ft3, ft1, ft2
    fmv.x.w s1, ft3
    CHECK   frm_rup_used, s1, 0x3eaaaaab
    li      t0, 0x80000001     /* -1 */
    fcvt.s.w ft3, t0
    li      t0, 2
    csrw    frm, t0            /* RDN */
    li      t0, 0x3fc00000     /* 1.5f */
    fmv.w.x ft5, t0
    fcvt.w.s s1, ft5
    CHECK   fcvt_w_rdn, s1, 1
    li      t0, 4
    csrw    frm, t0            /* RMM */
    fcvt.w.s s1, ft5
    CHECK   fcvt_w_rmm, s1, 2
    fcvt.w.s s1, ft5, rne
    CHECK   fcvt_w_static_rne, s1, 2
    li      t0, 0x40200000     /* 2.5f */
    fmv.w.x ft5, t0
    fcvt.w.s s1, ft5, rne
    CHECK   fcvt_w_rne_tie_even, s1, 2
    fcvt.w.s s1, ft5
    CHECK   fcvt_w_rmm_tie_away, s1, 3

    /* reserved rounding modes: rm 5 and 6 in the instruction, or frm 5..7 under DYN, are illegal */
    csrwi   frm, 0
    .word   0x003150d3         /* fadd.s f1, f2, f3 with rm = 5 */
    TRAP_FIELD s1, REC_CAUSE
    CHECK   rm5_illegal, s1, 2
    TRAP_FIELD s1, REC_TVAL
    CHECK   rm5_tval, s1, 0x003150d3
    call    capture_reset
    .word   0x003160d3         /* rm = 6 */
    TRAP_FIELD s1, REC_CAUSE
    CHECK   rm6_illegal, s1, 2
    call    capture_reset
    csrwi   frm, 5
    fadd.s  f1, f2, f3
    TRAP_FIELD s1, REC_CAUSE
    CHECK   dyn_frm5_illegal, s1, 2
    call    capture_reset
    csrwi   frm, 7
    fsgnj.s f1, f2, f3         /* no rounding: runs whatever frm holds */
    TRAP_FIELD s1, REC_COUNT
    CHECK   sgnj_ignores_frm, s1, 0
    fadd.s  f1, f2, f3, rne    /* static mode: runs */
    TRAP_FIELD s1, REC_COUNT
    CHECK   static_rm_ignores_frm, s1, 0
    csrwi   frm, 0

    /* NaN-boxing: a double read as a single is the canonical NaN; fmv.x.w takes the low half unchecked */
    la      s4, dbl_one
    fld     fa0, 0(s4)
    fadd.s  fa1, fa0, fa0
    fmv.x.w s1, fa1
    CHECK   unboxed_single_is_nan, s1, 0x7fc00000
    fmv.x.w s1, fa0
    CHECK   fmv_x_w_low_half, s1, 0
    fsgnjn.s fa2, fa0, fa0
    fmv.x.w s1, fa2
    CHECK   sgnjn_of_unboxed, s1, 0xffc00000
    fclass.s s1, fa0
    CHECK   fclass_unboxed_qnan, s1, 0x200
    fclass.d s1, fa0
    CHECK   fclass_d_one, s1, 0x40
    /* single results are boxed: store the whole register with fsd */
    li      t0, 0x40490fdb
    fmv.w.x fa3, t0
    la      s4, buf
    fsd     fa3, 0(s4)
    lw      s1, 0(s4)
    CHECK   boxed_low, s1, 0x40490fdb
    lw      s1, 4(s4)
    CHECK   boxed_high, s1, 0xffffffff

    /* D: arithmetic, conversions between formats */
    la      s4, dbl_one
    fld     fa0, 0(s4)
    fadd.d  fa1, fa0, fa0
    fcvt.w.d s1, fa1
    CHECK   fadd_d_two, s1, 2
    la      s4, dbl_third
    fld     fa2, 0(s4)
    fcvt.s.d fa3, fa2
    fmv.x.w s1, fa3
    CHECK   fcvt_s_d_third, s1, 0x3eaaaaab
    fcvt.d.s fa4, fa3
    la      s4, buf
    fsd     fa4, 8(s4)
    lw      s1, 12(s4)
    CHECK   fcvt_d_s_high, s1, 0x3fd55555
    lw      s1, 8(s4)
    CHECK   fcvt_d_s_low, s1, 0x60000000
    li      t0, -7
    fcvt.d.w fa5, t0
    fcvt.wu.d s1, fa5, rtz
    CHECK   fcvt_wu_d_negative_saturates, s1, 0
    li      t0, -7
    fcvt.d.wu fa5, t0
    fcvt.wu.d s1, fa5
    CHECK   fcvt_d_wu_roundtrip, s1, 0xfffffff9
    fmadd.d fa6, fa0, fa1, fa0     /* 1*2+1 */
    fcvt.w.d s1, fa6
    CHECK   fmadd_d, s1, 3
    fnmsub.d fa6, fa1, fa1, fa0    /* -(2*2)+1 */
    fcvt.w.d s1, fa6
    CHECK   fnmsub_d, s1, -3
    fsqrt.d fa6, fa1
    fmul.d  fa6, fa6, fa6
    fsub.d  fa6, fa6, fa1
    feq.d   s1, fa6, fa6
    CHECK   fsqrt_d_square_ordered, s1, 1
    flt.d   s1, fa0, fa1
    CHECK   flt_d, s1, 1
    fle.d   s1, fa1, fa0
    CHECK   fle_d, s1, 0
    fmin.d  fa6, fa0, fa1
    feq.d   s1, fa6, fa0
    CHECK   fmin_d, s1, 1
    fmax.d  fa6, fa0, fa1
    feq.d   s1, fa6, fa1
    CHECK   fmax_d, s1, 1

    /* every load/store form, compressed ones included */
    la      s4, sgl_vals
    la      s5, buf
    mv      a4, s4
    mv      a5, s5
    c.flw   fa1, 4(a4)
    c.fsw   fa1, 16(a5)
    lw      s1, 16(s5)
    CHECK   c_flw_c_fsw, s1, 0xc0100000
    la      s4, dbl_third
    mv      a4, s4
    mv      a5, s5
    c.fld   fa2, 0(a4)
    c.fsd   fa2, 24(a5)
    lw      s1, 28(s5)
    CHECK   c_fld_c_fsd, s1, 0x3fd55555
    addi    sp, sp, -16
    li      t0, 0x12345678
    sw      t0, 8(sp)
    sw      t0, 12(sp)
    c.flwsp fs0, 8(sp)
    fmv.x.w s1, fs0
    CHECK   c_flwsp, s1, 0x12345678
    c.fswsp fs0, 4(sp)
    lw      s1, 4(sp)
    CHECK   c_fswsp, s1, 0x12345678
    c.fldsp fs1, 8(sp)
    c.fsdsp fs1, 0(sp)
    lw      s1, 0(sp)
    CHECK   c_fldsp_c_fsdsp_low, s1, 0x12345678
    lw      s1, 4(sp)
    CHECK   c_fldsp_c_fsdsp_high, s1, 0x12345678
    addi    sp, sp, 16
    flw     fs2, 4(s4)        /* s4 points at dbl_third: its high word */
    fmv.x.w s1, fs2
    CHECK   flw_offset, s1, 0x3fd55555
    fmv.w.x fs3, zero
    fsw     fs3, -4(s5)
    TRAP_FIELD s1, REC_COUNT
    CHECK   no_trap_in_loads_and_stores, s1, 0

    /* counts: every F/D instruction retires once (minstret is exact under QEMU's -icount) */
    csrr    s2, minstret
    fadd.s  ft0, ft1, ft2
    fmul.d  fa0, fa1, fa2
    flw     ft3, 0(s5)
    fsd     fa0, 8(s5)
    feq.s   t0, ft0, ft1
    csrr    s3, minstret
    sub     s1, s3, s2
    CHECK   minstret_counts_float, s1, 6

    /* FS Off again: the float CSRs and c.fsdsp trap; FS keeps Off */
    li      t0, FS_MASK
    csrc    mstatus, t0
    csrwi   frm, 1
    TRAP_FIELD s1, REC_CAUSE
    CHECK   frm_write_fs_off_illegal, s1, 2
    call    capture_reset
    addi    sp, sp, -16
    c.fsdsp fs1, 0(sp)
    addi    sp, sp, 16
    TRAP_FIELD s1, REC_CAUSE
    CHECK   c_fsdsp_fs_off_illegal, s1, 2
    FS_STATE s1
    CHECK   fs_still_off, s1, 0
    RESTORE_TRAPS
TEST_END
