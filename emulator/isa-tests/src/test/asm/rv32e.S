/* RV32E: x0..x15 work as on RV32I, and every instruction naming x16..x31 (as rd, rs1 or rs2, in 32-bit and
 * compressed forms) raises illegal instruction with the instruction as mtval. QEMU 7.2 does not check the
 * register numbers (it runs them as on RV32I), so this test is Backstep's own; QEMU runs the part before the
 * checks of x16..x31 the same way (rv32e_qemu prefix). Built for rv32emac / ilp32e. */
#include "test.h"

TEST_BEGIN
    CAPTURE_TRAPS
    li      t1, 40
    li      t2, 2
    add     t0, t1, t2
    CHECK   add_low_registers, t0, 42
    li      a5, 7
    mul     s1, a5, t2
    CHECK   mul_low_registers, s1, 14
    csrr    s1, misa
    li      t0, 0x10
    and     s1, s1, t0
    CHECK   misa_has_e, s1, 0x10
    csrr    s1, misa
    li      t0, 0x100
    and     s1, s1, t0
    CHECK   misa_has_no_i, s1, 0
    TRAP_FIELD s1, REC_COUNT
    CHECK   no_trap_yet, s1, 0

    /* x16..x31 */
    .word   0x00000813          /* addi x16, x0, 0 */
    TRAP_FIELD s1, REC_CAUSE
    CHECK   rd_x16_illegal, s1, 2
    TRAP_FIELD s1, REC_TVAL
    CHECK   rd_x16_tval, s1, 0x00000813
    call    capture_reset
    .word   0x000f8093          /* addi x1, x31, 0 */
    TRAP_FIELD s1, REC_CAUSE
    CHECK   rs1_x31_illegal, s1, 2
    call    capture_reset
    .word   0x01100033          /* add x0, x0, x17 */
    TRAP_FIELD s1, REC_CAUSE
    CHECK   rs2_x17_illegal, s1, 2
    call    capture_reset
    .word   0x01102023          /* sw x17, 0(x0) */
    TRAP_FIELD s1, REC_CAUSE
    CHECK   store_x17_illegal, s1, 2
    call    capture_reset
    .half   0x8842              /* c.mv x16, x16 */
    TRAP_FIELD s1, REC_CAUSE
    CHECK   c_mv_x16_illegal, s1, 2
    TRAP_FIELD s1, REC_TVAL
    CHECK   c_mv_x16_tval, s1, 0x8842
    call    capture_reset
    .half   0x4fc1              /* c.li x31, 16 */
    TRAP_FIELD s1, REC_CAUSE
    CHECK   c_li_x31_illegal, s1, 2
    TRAP_FIELD s1, REC_COUNT
    CHECK   one_trap_each, s1, 1
    RESTORE_TRAPS
TEST_END
