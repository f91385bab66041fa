#include "rt.h"
#include <stdarg.h>

#define UART_RBR 0
#define UART_THR 0
#define UART_LSR 5
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20

void uart_putc(char c)
{
    while (!(MMIO8(UART_BASE + UART_LSR) & LSR_THR_EMPTY))
        ;
    MMIO8(UART_BASE + UART_THR) = (uint8_t)c;
}

void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

int uart_try_getc(void)
{
    if (MMIO8(UART_BASE + UART_LSR) & LSR_DATA_READY)
        return MMIO8(UART_BASE + UART_RBR);
    return -1;
}

int uart_getc(void)
{
    int c;
    while ((c = uart_try_getc()) < 0)
        ;
    return c;
}

void exit(int code)
{
    /* 0x5555 = pass; (code << 16) | 0x3333 = fail with that status */
    uint32_t word = code == 0 ? 0x5555u : (((uint32_t)code << 16) | 0x3333u);
    MMIO32(FINISHER_BASE) = word;
    for (;;)
        ;
}

/* The high half is re-read so that a carry between the two reads is seen. */
uint64_t read_minstret(void)
{
    uint32_t hi, lo;
    do {
        hi = csr_read(minstreth);
        lo = csr_read(minstret);
    } while (hi != csr_read(minstreth));
    return ((uint64_t)hi << 32) | lo;
}

uint64_t read_mcycle(void)
{
    uint32_t hi, lo;
    do {
        hi = csr_read(mcycleh);
        lo = csr_read(mcycle);
    } while (hi != csr_read(mcycleh));
    return ((uint64_t)hi << 32) | lo;
}

uint64_t read_mtime(void)
{
    uint32_t hi, lo;
    do {
        hi = MMIO32(CLINT_MTIME + 4);
        lo = MMIO32(CLINT_MTIME);
    } while (hi != MMIO32(CLINT_MTIME + 4));
    return ((uint64_t)hi << 32) | lo;
}

void set_mtimecmp(uint64_t when)
{
    /* high half first set to all ones so no spurious match in between */
    MMIO32(CLINT_MTIMECMP + 4) = 0xFFFFFFFFu;
    MMIO32(CLINT_MTIMECMP) = (uint32_t)when;
    MMIO32(CLINT_MTIMECMP + 4) = (uint32_t)(when >> 32);
}

__attribute__((weak)) uint32_t trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
    printf("unexpected trap: mcause=0x%x mepc=0x%x mtval=0x%x\n", mcause, mepc, mtval);
    exit(100);
}

static void put_unsigned(uint64_t v, unsigned base, int width, char pad)
{
    char buf[24];
    int n = 0;
    do {
        unsigned d = (unsigned)(v % base);
        buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v != 0);
    while (width-- > n)
        uart_putc(pad);
    while (n > 0)
        uart_putc(buf[--n]);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            uart_putc(*p);
            continue;
        }
        p++;
        char pad = ' ';
        int width = 0, longs = 0;
        if (*p == '0') {
            pad = '0';
            p++;
        }
        while (*p >= '0' && *p <= '9')
            width = width * 10 + (*p++ - '0');
        while (*p == 'l') {
            longs++;
            p++;
        }
        switch (*p) {
        case 'd': {
            int64_t v = longs >= 2 ? va_arg(ap, int64_t) : va_arg(ap, int32_t);
            if (v < 0) {
                uart_putc('-');
                put_unsigned((uint64_t)-v, 10, width > 0 ? width - 1 : 0, pad);
            } else {
                put_unsigned((uint64_t)v, 10, width, pad);
            }
            break;
        }
        case 'u':
        case 'x': {
            uint64_t v = longs >= 2 ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t);
            put_unsigned(v, *p == 'u' ? 10 : 16, width, pad);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            int len = (int)strlen(s);
            while (width-- > len)
                uart_putc(' ');
            uart_puts(s);
            break;
        }
        case 'c':
            uart_putc((char)va_arg(ap, int));
            break;
        case '%':
            uart_putc('%');
            break;
        case '\0':
            p--;
            break;
        default:
            uart_putc('%');
            uart_putc(*p);
            break;
        }
    }
    va_end(ap);
    return 0;
}

/* gcc may turn loops into calls to these even with -ffreestanding. */
void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) {
        while (n--)
            *d++ = *s++;
    } else {
        while (n--)
            d[n] = s[n];
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (!*a)
            return 0;
    }
    return 0;
}
