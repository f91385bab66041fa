/* What the WARL fields of the machine CSRs read back after writes: not
 * self-checking, the output must equal QEMU's with -cpu rv32,h=false,s=false
 * (machine and user mode, no S mode, like Backstep). Each CSR gets its old
 * value back after the probe.
 *
 * Masked out, because this machine is not QEMU's CPU there: mstatus FS, VS
 * and SD (F, D and V state), the S-mode and hypervisor bits of mie, mip,
 * mideleg and medeleg (QEMU's rv32 keeps them writable even without S mode).
 * Not printed: mstatus.MPP after writing 01 or 10, which Backstep legalises
 * (only M and U are implemented: the old value stays) while QEMU 7.2 keeps
 * it as written; the machine's unit tests check it. */
#include "rt.h"

#define PROBE(csr, val, mask) do { \
        uint32_t old_ = csr_read(csr); \
        uint32_t v_ = (val); \
        __asm__ volatile ("csrw " #csr ", %0" :: "r"(v_)); \
        uint32_t r_ = csr_read(csr); \
        __asm__ volatile ("csrw " #csr ", %0" :: "r"(old_)); \
        printf("%s <- %08x reads %08x (mask %08x)\n", #csr, v_, r_ & (mask), (uint32_t)(mask)); \
    } while (0)

#define PROBE_ALL(csr, mask) do { \
        PROBE(csr, 0xffffffffu, mask); PROBE(csr, 0, mask); \
        PROBE(csr, 0x55555555u, mask); PROBE(csr, 0xaaaaaaaau, mask); \
    } while (0)

#define MSTATUS_MASK 0x7fff99ffu /* without SD, FS, VS, MPP */

int main(void)
{
    printf("mstatus at start %08x\n", csr_read(mstatus));
    /* MPRV stays 0 to keep loads and stores in M mode */
    PROBE(mstatus, 0x00000000u, 0xffffffffu);
    PROBE(mstatus, 0x00001800u, 0xffffffffu);
    PROBE(mstatus, 0xfffdffffu, MSTATUS_MASK);
    PROBE(mstatus, 0xfffde7ffu, MSTATUS_MASK);
    PROBE(mstatus, 0x807e0000u, MSTATUS_MASK);
    PROBE(mstatus, 0x00018000u, MSTATUS_MASK);
    PROBE(mstatus, 0x00000122u, MSTATUS_MASK);
    uint32_t misa = csr_read(misa);
    csr_write(misa, 0);
    printf("misa unchanged by a write: %s\n", csr_read(misa) == misa ? "yes" : "no");
    PROBE_ALL(mie, 0x888u);
    PROBE_ALL(mip, 0x888u);
    PROBE_ALL(medeleg, 0xffffu & ~0x0c00u);
    PROBE_ALL(mideleg, 0x888u);
    PROBE_ALL(mcounteren, 0xffffffffu);
    PROBE_ALL(mcountinhibit, 0xffffffffu);
    PROBE_ALL(mscratch, 0xffffffffu);
    PROBE_ALL(mepc, 0xfffffffeu); /* bit 0: QEMU 7.2 keeps it, the spec clears it (see README) */
    PROBE_ALL(mcause, 0xffffffffu);
    PROBE_ALL(mtval, 0xffffffffu);
    PROBE(mtvec, 0x80001000u, 0xffffffffu);
    PROBE(mtvec, 0x80001001u, 0xffffffffu);
    PROBE(mtvec, 0x80001002u, 0xffffffffu);
    PROBE(mtvec, 0x80001003u, 0xffffffffu);
    PROBE(mtvec, 0x80001007u, 0xffffffffu);
    PROBE(mtvec, 0x80001ffdu, 0xffffffffu);
    PROBE_ALL(pmpaddr1, 0xffffffffu);
    PROBE_ALL(pmpaddr15, 0xffffffffu);
    PROBE(pmpcfg1, 0x1f1f0f0fu, 0xffffffffu);
    /* locking: entry 4 (pmpcfg1 byte 0) locked as TOR fixes pmpaddr4 and pmpaddr3 (a range far from RAM and
     * devices: locked entries bind M mode too on QEMU; Backstep does not check PMP) */
    csr_write(pmpaddr3, 0x01000000u);
    csr_write(pmpaddr4, 0x01000400u);
    csr_write(pmpcfg1, 0x00000088u);
    PROBE(pmpcfg1, 0x0f0f0f0fu, 0xffffffffu);
    PROBE(pmpaddr3, 0x33333333u, 0xffffffffu);
    PROBE(pmpaddr4, 0x44444444u, 0xffffffffu);
    PROBE(pmpaddr5, 0x55555555u, 0xffffffffu);
    /* entry 8 locked (NAPOT): its address is fixed, the one before is not */
    csr_write(pmpaddr7, 0x01000800u);
    csr_write(pmpaddr8, 0x01000c00u);
    csr_write(pmpcfg2, 0x00000098u);
    PROBE(pmpaddr7, 0x70707070u, 0xffffffffu);
    PROBE(pmpaddr8, 0x80808080u, 0xffffffffu);
    PROBE(pmpcfg2, 0u, 0xffffffffu);
    exit(0);
}
