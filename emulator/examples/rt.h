/* A tiny runtime for bare-metal programs on the QEMU virt board. */
#ifndef RT_H
#define RT_H

#include <stdint.h>
#include <stddef.h>

#define UART_BASE      0x10000000u  /* NS16550A */
#define FINISHER_BASE  0x00100000u  /* SiFive test finisher */
#define CLINT_BASE     0x02000000u
#define CLINT_MSIP     (CLINT_BASE + 0x0000u)
#define CLINT_MTIMECMP (CLINT_BASE + 0x4000u)
#define CLINT_MTIME    (CLINT_BASE + 0xBFF8u)
#define PLIC_BASE      0x0C000000u
#define UART_IRQ       10

#define MMIO32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define MMIO8(addr)  (*(volatile uint8_t *)(uintptr_t)(addr))

#define MCAUSE_INTERRUPT 0x80000000u
#define IRQ_M_SOFT  3
#define IRQ_M_TIMER 7
#define IRQ_M_EXT   11

#define csr_read(csr) ({ uint32_t v_; __asm__ volatile ("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, val) __asm__ volatile ("csrw " #csr ", %0" :: "rK"(val))
#define csr_set(csr, bits) __asm__ volatile ("csrs " #csr ", %0" :: "rK"(bits))
#define csr_clear(csr, bits) __asm__ volatile ("csrc " #csr ", %0" :: "rK"(bits))

void uart_putc(char c);
void uart_puts(const char *s);     /* no newline added */
int uart_getc(void);               /* blocks (polls) until a byte arrives */
int uart_try_getc(void);           /* -1 when no byte is waiting */
int printf(const char *fmt, ...);  /* %d %u %x %s %c %%, width and 0-pad, l/ll */
void exit(int code) __attribute__((noreturn));

uint64_t read_minstret(void);
uint64_t read_mcycle(void);
uint64_t read_mtime(void);
void set_mtimecmp(uint64_t when);

/* Called from crt0's trap vector; returns the pc to resume at. The default
 * reports the trap and exits with code 100; programs override it. */
uint32_t trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval);

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif
