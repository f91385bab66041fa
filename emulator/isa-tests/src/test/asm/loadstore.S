/* Loads and stores of every width: sign and zero extension, byte order,
 * partial overwrites, negative offsets, x0 as base for nothing. */
#include "test.h"

    .data
    .balign 8
buf:
    .word   0x80ff7f01, 0xfedcba98, 0x00000000, 0x00000000

TEST_BEGIN
    la      s0, buf
    lb      t0, 0(s0)
    CHECK   lb_positive, t0, 0x00000001
    lb      t0, 1(s0)
    CHECK   lb_7f, t0, 0x0000007f
    lb      t0, 2(s0)
    CHECK   lb_sign_ext, t0, 0xffffffff
    lb      t0, 3(s0)
    CHECK   lb_80, t0, 0xffffff80
    lbu     t0, 2(s0)
    CHECK   lbu_zero_ext, t0, 0x000000ff
    lbu     t0, 3(s0)
    CHECK   lbu_80, t0, 0x00000080
    lh      t0, 0(s0)
    CHECK   lh_positive, t0, 0x00007f01
    lh      t0, 2(s0)
    CHECK   lh_sign_ext, t0, 0xffff80ff
    lhu     t0, 2(s0)
    CHECK   lhu_zero_ext, t0, 0x000080ff
    lw      t0, 4(s0)
    CHECK   lw_word, t0, 0xfedcba98
    lh      t0, 6(s0)
    CHECK   lh_upper_half, t0, 0xfffffedc
    lbu     t0, 7(s0)
    CHECK   lbu_top_byte, t0, 0xfe

    /* negative offsets */
    addi    s1, s0, 8
    lw      t0, -4(s1)
    CHECK   lw_negative_offset, t0, 0xfedcba98
    lb      t0, -8(s1)
    CHECK   lb_negative_offset, t0, 1

    /* stores write only their width */
    li      t1, -1
    sw      t1, 8(s0)
    li      t1, 0x12345678
    sb      t1, 9(s0)
    lw      t0, 8(s0)
    CHECK   sb_partial, t0, 0xffff78ff
    li      t1, 0xabcd
    sh      t1, 10(s0)
    lw      t0, 8(s0)
    CHECK   sh_partial, t0, 0xabcd78ff
    sw      zero, 12(s0)
    li      t1, 0x89abcdef
    sw      t1, 12(s0)
    lbu     t0, 12(s0)
    CHECK   sw_little_endian_b0, t0, 0xef
    lbu     t0, 15(s0)
    CHECK   sw_little_endian_b3, t0, 0x89
    lhu     t0, 14(s0)
    CHECK   sw_little_endian_h1, t0, 0x89ab
    sh      zero, 12(s0)
    lw      t0, 12(s0)
    CHECK   sh_zero, t0, 0x89ab0000
    sb      zero, 15(s0)
    lw      t0, 12(s0)
    CHECK   sb_zero, t0, 0x00ab0000

    /* load into the base register */
    la      t0, buf
    lw      t0, 4(t0)
    CHECK   load_overwrites_base, t0, 0xfedcba98

    /* load into x0 has no effect on x0 */
    lw      x0, 4(s0)
    mv      t0, x0
    CHECK   load_to_x0, t0, 0

    /* store then load back through a different width */
    li      t1, 0x01020304
    sw      t1, 8(s0)
    lh      t0, 8(s0)
    CHECK   store_w_load_h, t0, 0x0304
    lb      t0, 11(s0)
    CHECK   store_w_load_b, t0, 0x01
TEST_END
