/* Zifencei: code rewritten by stores and followed by fence.i runs as the
 * new instruction, also when the old one had run (and been cached) before;
 * 32-bit and compressed instructions; a patch inside a loop. */
#include "test.h"

    .text
    .balign 4
    .option push
    .option norvc
/* returns a0 = 1 until patched */
patch_site32:
    addi    a0, zero, 1
    ret
    .option pop

    .option push
    .option rvc
/* returns a0 = 3 until patched (c.li a0, 3) */
patch_site16:
    c.li    a0, 3
    c.jr    ra
    .option pop

TEST_BEGIN
    call    patch_site32
    mv      s1, a0
    CHECK   before_patch_32, s1, 1
    /* addi a0, zero, 2 */
    la      t0, patch_site32
    li      t1, 0x00200513
    sw      t1, 0(t0)
    fence.i
    call    patch_site32
    mv      s1, a0
    CHECK   after_patch_32, s1, 2

    call    patch_site16
    mv      s1, a0
    CHECK   before_patch_16, s1, 3
    /* c.li a0, 4 = 0x4511 */
    la      t0, patch_site16
    li      t1, 0x4511
    sh      t1, 0(t0)
    fence.i
    call    patch_site16
    mv      s1, a0
    CHECK   after_patch_16, s1, 4

    /* patch the immediate of an instruction inside a running loop: the
     * loop adds 1 for three rounds, then 5 for three more */
    li      s1, 0
    li      s2, 0
    .option push
    .option norvc
1:
loop_add:
    addi    s1, s1, 1
    addi    s2, s2, 1
    li      t0, 3
    bne     s2, t0, 2f
    la      t0, loop_add
    li      t1, 0x00548493       /* addi s1, s1, 5 */
    sw      t1, 0(t0)
    fence.i
2:  li      t0, 6
    bne     s2, t0, 1b
    .option pop
    CHECK   patched_loop_sum, s1, 18

    /* copy a function into data memory and call it there */
    la      t0, template
    la      t1, ram_code
    lw      t2, 0(t0)
    sw      t2, 0(t1)
    lw      t2, 4(t0)
    sw      t2, 4(t1)
    fence.i
    li      a0, 20
    jalr    t1
    mv      s1, a0
    CHECK   copied_code_runs, s1, 40
TEST_END

    .option push
    .option norvc
template:
    add     a0, a0, a0
    ret
    .option pop

    .data
    .balign 4
ram_code:
    .space  8
