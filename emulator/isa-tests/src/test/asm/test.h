/* Macros shared by the self-checking ISA tests.
 *
 * Each test program defines `main`, computes results into t/s registers
 * and checks them with CHECK, which calls report.c's check(): it prints
 * "ok <name>" or "FAIL <name> got X expected Y". `tail finish` ends the
 * program with exit code = number of failures (through the test finisher,
 * so QEMU's exit status is that number too).
 *
 * check() follows the C calling convention: a*, t* and ra are clobbered,
 * s0..s11 survive. Result registers passed to CHECK must not be a1 or a2. */
#ifndef TEST_H
#define TEST_H

#define MSTATUS_MIE  0x8
#define MSTATUS_MPIE 0x80
#define MSTATUS_MPP  0x1800
#define MSTATUS_TW   0x200000
#define MIP_MSIP     0x8
#define MIP_MTIP     0x80
#define MIP_MEIP     0x800
#define CLINT_MSIP     0x02000000
#define CLINT_MTIMECMP 0x02004000
#define CLINT_MTIME    0x0200bff8

/* Checks that register `reg` holds the constant `expected`. */
.macro CHECK name:req, reg:req, expected:req
    .pushsection .rodata.testnames, "a"
.Lname\@: .asciz "\name"
    .popsection
    mv      a0, \reg
    li      a1, \expected
    la      a2, .Lname\@
    call    check
.endm

/* Checks that two registers are equal (neither may be a0, a1 or a2). */
.macro CHECK_SAME name:req, reg:req, other:req
    .pushsection .rodata.testnames, "a"
.Lname\@: .asciz "\name"
    .popsection
    mv      a0, \reg
    mv      a1, \other
    la      a2, .Lname\@
    call    check
.endm

/* op rd, rs1, rs2 with two constant operands */
.macro TEST_RR name:req, op:req, a:req, b:req, expected:req
    li      t1, \a
    li      t2, \b
    \op     t0, t1, t2
    CHECK   \name, t0, \expected
.endm

/* op rd, rs1, imm */
.macro TEST_RI name:req, op:req, a:req, imm:req, expected:req
    li      t1, \a
    \op     t0, t1, \imm
    CHECK   \name, t0, \expected
.endm

/* Every main starts like this: never returns, so no frame is needed. */
.macro TEST_BEGIN
    .text
    .globl  main
main:
.endm

.macro TEST_END
    tail    finish
.endm

/* Points mtvec at capture_trap (trap.c/capture.S): it records mcause, mepc and
 * mtval (and mstatus as seen in the handler) in trap_rec and resumes after the faulting instruction. */
.macro CAPTURE_TRAPS
    call    capture_install
.endm

.macro RESTORE_TRAPS
    call    capture_uninstall
.endm

/* Offsets in trap_rec */
#define REC_CAUSE 0
#define REC_EPC   4
#define REC_TVAL  8
#define REC_COUNT 12
#define REC_MSTATUS 24

/* Loads a field of trap_rec into reg. */
.macro TRAP_FIELD reg:req, off:req
    la      \reg, trap_rec
    lw      \reg, \off(\reg)
.endm

#endif
