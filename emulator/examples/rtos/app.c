/* The RTOS-awareness fixture: five tasks on minirtos (see minirtos.h).
 *   Init   prio 3  says hello and deletes itself
 *   Rx     prio 2  blocks on a queue, adds up what it receives
 *   Tx     prio 1  sleeps two ticks, sends a number; every third one wakes Logger
 *   Logger prio 1  prints a line, then suspends itself
 *   IDLE   prio 0  clears away deleted tasks, sleeps in wfi
 * After eight numbers Tx prints the totals and ends the program. */
#include "minirtos.h"
#include "../rt.h"

#define STACK_WORDS 256
#define SENDS 8

static StackType_t init_stack[STACK_WORDS], rx_stack[STACK_WORDS], tx_stack[STACK_WORDS],
        logger_stack[STACK_WORDS], idle_stack[STACK_WORDS];
static TCB_t init_tcb, rx_tcb, tx_tcb, logger_tcb, idle_tcb;

static Queue_t numbers;
static TaskHandle_t logger;
volatile uint32_t rx_total;
volatile uint32_t rx_count;
volatile uint32_t idle_loops;

extern void vTaskDelete(void);
extern void prvCheckTasksWaitingTermination(void);

void prvTaskExitError(void)
{
    printf("a task returned\n");
    exit(101);
}

/* Output of one task is not cut by another's. */
static void say(const char *what, uint32_t a, uint32_t b)
{
    vPortEnterCritical();
    printf(what, a, b);
    vPortExitCritical();
}

static void init_task(void *param)
{
    (void)param;
    say("init: %u tasks, tick %u\n", 5, xTaskGetTickCount());
    vTaskDelete();
}

static uint32_t accumulate(uint32_t total, uint32_t value)
{
    uint32_t next = total + value;
    return next;
}

static void rx_task(void *param)
{
    Queue_t *queue = param;
    for (;;) {
        uint32_t value;
        xQueueReceive(queue, &value);
        rx_total = accumulate(rx_total, value);
        rx_count++;
        say("rx: %u (tick %u)\n", value, xTaskGetTickCount());
    }
}

static void tx_task(void *param)
{
    Queue_t *queue = param;
    for (uint32_t i = 1; i <= SENDS; i++) {
        vTaskDelay(2);
        uint32_t value = i * 10;
        xQueueSend(queue, value);
        if (i % 3 == 0)
            vTaskResume(logger);
    }
    say("tx: sent %u, rx got %u\n", SENDS, rx_count);
    say("tx: total %u, idle ran %u times\n", rx_total, idle_loops != 0);
    exit(rx_total == 360 ? 0 : 1);
}

static void logger_task(void *param)
{
    (void)param;
    for (;;) {
        say("log: tick %u, %u received\n", xTaskGetTickCount(), rx_count);
        vTaskSuspend(NULL);
    }
}

static void idle_task(void *param)
{
    (void)param;
    for (;;) {
        prvCheckTasksWaitingTermination();
        idle_loops++;
        __asm__ volatile ("wfi");
    }
}

int main(void)
{
    vQueueInit(&numbers);
    xTaskCreateStatic(idle_task, "IDLE", STACK_WORDS, NULL, 0, idle_stack, &idle_tcb);
    xTaskCreateStatic(rx_task, "Rx", STACK_WORDS, &numbers, 2, rx_stack, &rx_tcb);
    xTaskCreateStatic(tx_task, "Tx", STACK_WORDS, &numbers, 1, tx_stack, &tx_tcb);
    logger = xTaskCreateStatic(logger_task, "Logger", STACK_WORDS, NULL, 1, logger_stack, &logger_tcb);
    xTaskCreateStatic(init_task, "Init", STACK_WORDS, NULL, 3, init_stack, &init_tcb);
    printf("minirtos: starting the scheduler\n");
    vTaskStartScheduler();
}
