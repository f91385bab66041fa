/* Behaves like a small RTOS application: a timer tick every TICK_INSNS
 * instructions of virtual time (CLINT mtimecmp; mtime counts one per 100
 * instructions), an idle loop that runs while nothing else can (busy, like
 * FreeRTOS's idle task without tickless idle, or in wfi with -DIDLE_WFI), a
 * worker that the tick handler starts once every WORKER_TICKS ticks (10^9
 * instructions by default), and a receiving task (main) that blocks in
 * receive() until the worker posts to its mailbox, as xQueueReceive blocks
 * with portMAX_DELAY. worker_result is written by the worker only.
 *
 * The reverse-debugging case it is made for: stop on the line after the
 * blocking call in the second round, then go back across the wait (reverse
 * next), to the previous round (reverse continue to a breakpoint), or to the
 * previous write of worker_result (data breakpoint): 10^9 instructions of
 * idle loop and ticks lie in between. */
#include "rt.h"

#ifndef TICK_INSNS
#define TICK_INSNS 1000000u        /* a tick every 10^6 instructions */
#endif
#ifndef WORKER_TICKS
#define WORKER_TICKS 1000u         /* the worker every 1000 ticks: 10^9 instructions */
#endif
#ifndef ROUNDS
#define ROUNDS 3
#endif
#define TICK_MTIME (TICK_INSNS / 100u)

/* A mailbox of one message, like a FreeRTOS queue of length 1. */
struct mailbox {
    volatile uint32_t full;
    uint32_t value;
};

static struct mailbox box;
static volatile uint32_t tick_count;
static uint64_t next_tick;
static volatile uint32_t idle_loops;
static uint32_t worker_runs;
static volatile int rounds = ROUNDS;  /* read each round: the task loop stays a loop */
uint32_t worker_result;             /* written only by worker() */

/* Deferred work the tick handler starts: computes a result and posts it. */
static void __attribute__((noinline)) worker(void)
{
    worker_runs++;
    worker_result = worker_result * 31u + worker_runs * 7u;
    box.value = worker_result;
    box.full = 1;
}

uint32_t trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
    if (mcause == (MCAUSE_INTERRUPT | IRQ_M_TIMER)) {
        tick_count++;
        next_tick += TICK_MTIME;
        set_mtimecmp(next_tick);
        if (tick_count % WORKER_TICKS == 0)
            worker();
        return mepc;
    }
    printf("unexpected trap: mcause=0x%x mepc=0x%x mtval=0x%x\n", mcause, mepc, mtval);
    exit(100);
}

/* The idle task's loop body: what runs while every task waits. */
static void __attribute__((noinline)) idle(void)
{
#ifdef IDLE_WFI
    __asm__ volatile ("wfi");
#else
    idle_loops++;
#endif
}

/* Blocks until the mailbox holds a message and takes it. */
static uint32_t __attribute__((noinline)) receive(struct mailbox *b)
{
    while (!b->full)
        idle();
    b->full = 0;
    return b->value;
}

int main(void)
{
    printf("rtos: tick every %u instructions, worker every %u ticks, %d rounds\n", TICK_INSNS, WORKER_TICKS,
           ROUNDS);
    next_tick = read_mtime() + TICK_MTIME;
    set_mtimecmp(next_tick);
    csr_set(mie, 1u << IRQ_M_TIMER);
    csr_set(mstatus, 1u << 3);   /* MIE */

    uint32_t total = 0;
    for (int round = 1; round <= rounds; round++) {
        uint32_t got = receive(&box);
        total = total * 3u + (got ^ (uint32_t)round);
        printf("round %d: got %u at tick %u\n", round, got, tick_count);
    }
    csr_clear(mie, 1u << IRQ_M_TIMER);
    printf("rtos: total %u\n", total);
    return 0;
}
