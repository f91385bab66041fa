/* FPU oracle: runs single F/D instructions on operands from a case table and prints each result
 * with the exception flags it raised, so that a host test can compare QEMU (or Backstep) with a
 * reference library. Not self-checking: the expectations live on the host.
 *
 * The table (little-endian) is loaded into RAM at 0x81000000 before the run: a 16-byte header
 * (magic "FPUT", case count, 8 reserved bytes), then 32 bytes per case: op (the case labels of
 * run() below), rounding mode 0..4 (written to frm; the instructions use the dynamic mode), 6
 * reserved bytes, and three 64-bit operands as register images (a single NaN-boxed, or not, on
 * purpose; an integer operand in the low 32 bits).
 *
 * Output: "fpu-oracle <n> cases", then per case "<result as 16 hex digits> <fflags as 2 hex
 * digits>" (an FP result is the whole 64-bit register, so NaN-boxing of single results shows; an
 * integer result is zero-extended), then "done <n>", exit 0. A missing table or a bad case prints
 * "error: ..." and exits with status 2. */
#include "rt.h"

typedef struct {
    uint64_t a, b, c;
} operands;

#define LOAD3 "fld ft0, 0(%[in])\n fld ft1, 8(%[in])\n fld ft2, 16(%[in])\n csrw fflags, zero\n"
#define TAIL_F "frflags %[fl]\n fsd ft3, 0(%[out])\n"
#define CLOBBER "ft0", "ft1", "ft2", "ft3", "memory"

/* FP operands in, FP result out: "ft3 <- op ft0 [ft1 [ft2]]" */
#define FF(asm_text) \
    __asm__ volatile(LOAD3 asm_text "\n" TAIL_F : [fl] "=&r"(flags) : [in] "r"(in), [out] "r"(&result) : CLOBBER)
/* FP operands in, integer result out */
#define FX(asm_text) \
    __asm__ volatile(LOAD3 asm_text "\n frflags %[fl]\n" : [fl] "=&r"(flags), [x] "=&r"(ix) : [in] "r"(in) : CLOBBER)
/* integer operand in, FP result out */
#define XF(asm_text) \
    __asm__ volatile("csrw fflags, zero\n" asm_text "\n" TAIL_F : [fl] "=&r"(flags) \
                     : [x] "r"(xa), [out] "r"(&result) : CLOBBER)

static unsigned run(unsigned op, const operands *in, uint64_t *out)
{
    unsigned flags = 0;
    uint32_t ix = 0;
    uint32_t xa = (uint32_t)in->a;
    uint64_t result = 0;
    int integer = 0;
    switch (op) {
    /* single */
    case 0x00: FF("fadd.s ft3, ft0, ft1"); break;
    case 0x01: FF("fsub.s ft3, ft0, ft1"); break;
    case 0x02: FF("fmul.s ft3, ft0, ft1"); break;
    case 0x03: FF("fdiv.s ft3, ft0, ft1"); break;
    case 0x04: FF("fsqrt.s ft3, ft0"); break;
    case 0x05: FF("fmadd.s ft3, ft0, ft1, ft2"); break;
    case 0x06: FF("fmsub.s ft3, ft0, ft1, ft2"); break;
    case 0x07: FF("fnmsub.s ft3, ft0, ft1, ft2"); break;
    case 0x08: FF("fnmadd.s ft3, ft0, ft1, ft2"); break;
    case 0x09: FF("fmin.s ft3, ft0, ft1"); break;
    case 0x0a: FF("fmax.s ft3, ft0, ft1"); break;
    case 0x0b: FX("feq.s %[x], ft0, ft1"); integer = 1; break;
    case 0x0c: FX("flt.s %[x], ft0, ft1"); integer = 1; break;
    case 0x0d: FX("fle.s %[x], ft0, ft1"); integer = 1; break;
    case 0x0e: FX("fclass.s %[x], ft0"); integer = 1; break;
    case 0x0f: FF("fsgnj.s ft3, ft0, ft1"); break;
    case 0x10: FF("fsgnjn.s ft3, ft0, ft1"); break;
    case 0x11: FF("fsgnjx.s ft3, ft0, ft1"); break;
    case 0x12: FX("fcvt.w.s %[x], ft0"); integer = 1; break;
    case 0x13: FX("fcvt.wu.s %[x], ft0"); integer = 1; break;
    case 0x14: XF("fcvt.s.w ft3, %[x]"); break;
    case 0x15: XF("fcvt.s.wu ft3, %[x]"); break;
    case 0x16: FX("fmv.x.w %[x], ft0"); integer = 1; break;
    case 0x17: XF("fmv.w.x ft3, %[x]"); break;
    case 0x18: FF("fcvt.d.s ft3, ft0"); break;
    /* double */
    case 0x20: FF("fadd.d ft3, ft0, ft1"); break;
    case 0x21: FF("fsub.d ft3, ft0, ft1"); break;
    case 0x22: FF("fmul.d ft3, ft0, ft1"); break;
    case 0x23: FF("fdiv.d ft3, ft0, ft1"); break;
    case 0x24: FF("fsqrt.d ft3, ft0"); break;
    case 0x25: FF("fmadd.d ft3, ft0, ft1, ft2"); break;
    case 0x26: FF("fmsub.d ft3, ft0, ft1, ft2"); break;
    case 0x27: FF("fnmsub.d ft3, ft0, ft1, ft2"); break;
    case 0x28: FF("fnmadd.d ft3, ft0, ft1, ft2"); break;
    case 0x29: FF("fmin.d ft3, ft0, ft1"); break;
    case 0x2a: FF("fmax.d ft3, ft0, ft1"); break;
    case 0x2b: FX("feq.d %[x], ft0, ft1"); integer = 1; break;
    case 0x2c: FX("flt.d %[x], ft0, ft1"); integer = 1; break;
    case 0x2d: FX("fle.d %[x], ft0, ft1"); integer = 1; break;
    case 0x2e: FX("fclass.d %[x], ft0"); integer = 1; break;
    case 0x2f: FF("fsgnj.d ft3, ft0, ft1"); break;
    case 0x30: FF("fsgnjn.d ft3, ft0, ft1"); break;
    case 0x31: FF("fsgnjx.d ft3, ft0, ft1"); break;
    case 0x32: FX("fcvt.w.d %[x], ft0"); integer = 1; break;
    case 0x33: FX("fcvt.wu.d %[x], ft0"); integer = 1; break;
    case 0x34: XF("fcvt.d.w ft3, %[x]"); break;
    case 0x35: XF("fcvt.d.wu ft3, %[x]"); break;
    case 0x36: FF("fcvt.s.d ft3, ft0"); break;
    default:
        return 0x100; /* unknown op */
    }
    *out = integer ? ix : result;
    return flags;
}

static void put_hex(uint64_t v, int digits)
{
    while (digits-- > 0)
        uart_putc("0123456789abcdef"[(v >> (4 * digits)) & 15]);
}

/* The table the host loads before the run (QEMU: -device loader,file=...,addr=0x81000000,force-raw=on). */
#define TABLE_ADDR 0x81000000u
#define TABLE_MAGIC 0x54555046u /* "FPUT" */
#define TABLE_MAX ((0x87000000u - TABLE_ADDR - 16) / 32)

typedef struct {
    uint32_t magic, count, reserved[2];
} table_header;

typedef struct {
    uint8_t op, rm;
    uint16_t reserved0;
    uint32_t reserved1;
    operands in;
} table_entry;

int main(void)
{
    /* mstatus.FS = Initial: FP instructions are illegal while it is Off */
    csr_set(mstatus, 0x2000);
    const table_header *h = (const table_header *)(uintptr_t)TABLE_ADDR;
    if (h->magic != TABLE_MAGIC || h->count > TABLE_MAX) {
        printf("error: no case table at 0x%x\n", TABLE_ADDR);
        return 2;
    }
    const table_entry *e = (const table_entry *)(h + 1);
    printf("fpu-oracle %u cases\n", h->count);
    for (uint32_t i = 0; i < h->count; i++, e++) {
        if (e->rm > 4) {
            printf("error: case %u has rounding mode %u\n", i, e->rm);
            return 2;
        }
        __asm__ volatile("fsrm %0" : : "r"((unsigned)e->rm));
        uint64_t out = 0;
        unsigned flags = run(e->op, &e->in, &out);
        if (flags & 0x100) {
            printf("error: case %u has unknown op %u\n", i, e->op);
            return 2;
        }
        put_hex(out, 16);
        uart_putc(' ');
        put_hex(flags, 2);
        uart_putc('\n');
    }
    printf("done %u\n", h->count);
    /* for the hart's differential run (HartFpuDifferentialTest): instructions retired and the float state bits */
    printf("minstret %u mstatus.fs %u sd %u fcsr %x\n", (unsigned)csr_read(minstret),
           (unsigned)(csr_read(mstatus) >> 13) & 3, (unsigned)(csr_read(mstatus) >> 31), (unsigned)csr_read(fcsr));
    return 0;
}
