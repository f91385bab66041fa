/* Timer interrupts: the CLINT raises a machine timer interrupt every
 * TICK_INTERVAL mtime ticks; the handler counts them and re-arms the timer,
 * main sleeps in wfi and prints each tick. */
#include "rt.h"

#define TICKS         5
#define TICK_INTERVAL 100000u   /* mtime runs at 10 MHz on virt: 10 ms */

static volatile uint32_t ticks;
static uint64_t next_deadline;

uint32_t trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
    if (mcause == (MCAUSE_INTERRUPT | IRQ_M_TIMER)) {
        ticks++;
        next_deadline += TICK_INTERVAL;
        set_mtimecmp(next_deadline);
        return mepc;
    }
    printf("unexpected trap: mcause=0x%x mepc=0x%x mtval=0x%x\n", mcause, mepc, mtval);
    exit(100);
}

int main(void)
{
    printf("timer: %u ticks, one every %u mtime ticks\n", TICKS, TICK_INTERVAL);
    next_deadline = read_mtime() + TICK_INTERVAL;
    set_mtimecmp(next_deadline);
    csr_set(mie, 1u << IRQ_M_TIMER);
    csr_set(mstatus, 1u << 3);   /* MIE */

    uint32_t seen = 0;
    while (seen < TICKS) {
        __asm__ volatile ("wfi");
        uint32_t now = ticks;
        while (seen < now)
            printf("tick %u\n", ++seen);
    }
    csr_clear(mie, 1u << IRQ_M_TIMER);
    printf("timer: done\n");
    return 0;
}
