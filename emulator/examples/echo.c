/* Reads lines from the UART, with the receive interrupt routed through the
 * PLIC, and answers each one. The hart sleeps in wfi while no input is
 * waiting. Commands:
 *   add A B   prints A + B
 *   rev TEXT  prints TEXT backwards
 *   count     prints how many lines were read so far
 *   quit      exits 0 (so does a Ctrl-D byte, 0x04)
 * anything else is echoed upper-cased. */
#include "rt.h"

#define UART_IER 1
#define UART_LSR 5
#define IER_RX_AVAILABLE 0x01
#define LSR_DATA_READY   0x01
#define EOT              0x04

#define PLIC_PRIORITY(irq)  (PLIC_BASE + 4u * (irq))
#define PLIC_ENABLE_CTX0    (PLIC_BASE + 0x2000u)
#define PLIC_THRESHOLD_CTX0 (PLIC_BASE + 0x200000u)
#define PLIC_CLAIM_CTX0     (PLIC_BASE + 0x200004u)

#define RING_SIZE 256u   /* a power of two */
#define LINE_MAX  80

static volatile uint8_t ring[RING_SIZE];
static volatile uint32_t ring_head, ring_tail;  /* head: written by the handler */

static void uart_drain_rx(void)
{
    while (MMIO8(UART_BASE + UART_LSR) & LSR_DATA_READY) {
        uint8_t b = MMIO8(UART_BASE);
        if (ring_head - ring_tail < RING_SIZE) {
            ring[ring_head % RING_SIZE] = b;
            ring_head++;
        }
    }
}

uint32_t trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
    if (mcause == (MCAUSE_INTERRUPT | IRQ_M_EXT)) {
        uint32_t irq = MMIO32(PLIC_CLAIM_CTX0);
        if (irq == UART_IRQ)
            uart_drain_rx();
        if (irq != 0)
            MMIO32(PLIC_CLAIM_CTX0) = irq;   /* complete */
        return mepc;
    }
    printf("unexpected trap: mcause=0x%x mepc=0x%x mtval=0x%x\n", mcause, mepc, mtval);
    exit(100);
}

static void rx_interrupt_enable(void)
{
    MMIO32(PLIC_PRIORITY(UART_IRQ)) = 1;
    MMIO32(PLIC_ENABLE_CTX0) = 1u << UART_IRQ;
    MMIO32(PLIC_THRESHOLD_CTX0) = 0;
    MMIO8(UART_BASE + UART_IER) = IER_RX_AVAILABLE;
    csr_set(mie, 1u << IRQ_M_EXT);
    csr_set(mstatus, 1u << 3);
}

/* Sleeps until the handler has put a byte in the ring. Interrupts are off
 * between the emptiness check and wfi; wfi still wakes on the pending
 * interrupt, which is then taken once they are back on. */
static int read_byte(void)
{
    for (;;) {
        csr_clear(mstatus, 1u << 3);
        if (ring_head != ring_tail) {
            uint8_t b = ring[ring_tail % RING_SIZE];
            ring_tail++;
            csr_set(mstatus, 1u << 3);
            return b;
        }
        __asm__ volatile ("wfi");
        csr_set(mstatus, 1u << 3);
    }
}

/* Returns the line length, or -1 at end of input (EOT). */
static int read_line(char *buf, int max)
{
    int n = 0;
    for (;;) {
        int c = read_byte();
        if (c == EOT)
            return n > 0 ? n : -1;
        if (c == '\r' || c == '\n') {
            buf[n] = '\0';
            return n;
        }
        if (n < max - 1)
            buf[n++] = (char)c;
    }
}

static int parse_int(const char **s, int32_t *out)
{
    const char *p = *s;
    while (*p == ' ')
        p++;
    int neg = 0;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    if (*p < '0' || *p > '9')
        return 0;
    int32_t v = 0;
    while (*p >= '0' && *p <= '9')
        v = v * 10 + (*p++ - '0');
    *out = neg ? -v : v;
    *s = p;
    return 1;
}

int main(void)
{
    static char line[LINE_MAX];
    uint32_t lines = 0;
    rx_interrupt_enable();
    printf("echo: type a line (add A B, rev TEXT, count, quit)\n");
    for (;;) {
        int n = read_line(line, sizeof line);
        if (n < 0) {
            printf("echo: end of input after %u lines\n", lines);
            return 0;
        }
        if (n == 0)
            continue;   /* the \n of a \r\n pair, or an empty line */
        lines++;
        if (strcmp(line, "quit") == 0) {
            printf("echo: bye after %u lines\n", lines);
            return 0;
        } else if (strcmp(line, "count") == 0) {
            printf("%u lines so far\n", lines);
        } else if (strncmp(line, "add ", 4) == 0) {
            const char *p = line + 4;
            int32_t a, b;
            if (parse_int(&p, &a) && parse_int(&p, &b))
                printf("%d + %d = %d\n", a, b, a + b);
            else
                printf("usage: add A B\n");
        } else if (strncmp(line, "rev ", 4) == 0) {
            for (int i = n - 1; i >= 4; i--)
                uart_putc(line[i]);
            uart_putc('\n');
        } else {
            for (int i = 0; i < n; i++) {
                char c = line[i];
                uart_putc(c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
            }
            uart_putc('\n');
        }
    }
}
