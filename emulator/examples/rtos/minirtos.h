/* minirtos: a small preemptive kernel written for Backstep's RTOS-awareness tests.
 *
 * It is not FreeRTOS, but it keeps its tasks the way FreeRTOS does, so that the
 * debugger's FreeRTOS reader sees an ordinary FreeRTOS kernel: the same type,
 * struct, member and variable names (read through DWARF, so member order and
 * sizes need not match any FreeRTOS build), doubly linked lists with an end
 * marker, ready lists per priority, two delayed lists, the pending-ready,
 * suspended and terminating lists, pxCurrentTCB and xSchedulerRunning, and a
 * saved context on each task's stack laid out as the GCC/RISC-V port of
 * FreeRTOS V11.0 and V11.1 lays it out (portasm.S). */
#ifndef MINIRTOS_H
#define MINIRTOS_H

#include <stdint.h>
#include <stddef.h>

typedef uint32_t StackType_t;
typedef long BaseType_t;
typedef unsigned long UBaseType_t;
typedef uint32_t TickType_t;
typedef void (*TaskFunction_t)(void *);

#define pdFALSE ((BaseType_t)0)
#define pdTRUE  ((BaseType_t)1)
#define portMAX_DELAY ((TickType_t)0xffffffffu)
#define configMAX_PRIORITIES 4
#define configMAX_TASK_NAME_LEN 12
#define tskSTACK_FILL_BYTE 0xa5u

struct xLIST;

struct xLIST_ITEM {
    volatile TickType_t xItemValue;          /* sort key: wake-up tick, or inverted priority on event lists */
    struct xLIST_ITEM *volatile pxNext;
    struct xLIST_ITEM *volatile pxPrevious;
    void *pvOwner;                           /* the TCB */
    struct xLIST *volatile pxContainer;      /* the list the item is in, NULL when in none */
};
typedef struct xLIST_ITEM ListItem_t;

struct xMINI_LIST_ITEM {
    volatile TickType_t xItemValue;
    struct xLIST_ITEM *volatile pxNext;
    struct xLIST_ITEM *volatile pxPrevious;
};
typedef struct xMINI_LIST_ITEM MiniListItem_t;

typedef struct xLIST {
    volatile UBaseType_t uxNumberOfItems;
    ListItem_t *volatile pxIndex;
    MiniListItem_t xListEnd;                 /* end marker: the list is a ring through it */
} List_t;

typedef struct tskTaskControlBlock {
    volatile StackType_t *pxTopOfStack;      /* the saved context; must stay the first member */
    ListItem_t xStateListItem;               /* ready, delayed, suspended or terminating list */
    ListItem_t xEventListItem;               /* a queue's list of waiting tasks */
    UBaseType_t uxPriority;
    StackType_t *pxStack;                    /* lowest address of the stack */
    char pcTaskName[configMAX_TASK_NAME_LEN];
    StackType_t *pxEndOfStack;               /* highest word of the stack */
    UBaseType_t uxTCBNumber;
    UBaseType_t uxBasePriority;
    volatile uint32_t ulNotifiedValue[1];
    volatile uint8_t ucNotifyState[1];
} tskTCB;
typedef tskTCB TCB_t;
typedef TCB_t *TaskHandle_t;

typedef struct QueueDefinition {
    List_t xTasksWaitingToReceive;
    volatile UBaseType_t uxMessagesWaiting;
    UBaseType_t uxLength;
    uint32_t items[8];
    UBaseType_t head;
} Queue_t;

void vListInitialise(List_t *list);
void vListInitialiseItem(ListItem_t *item);
void vListInsertEnd(List_t *list, ListItem_t *item);
void vListInsert(List_t *list, ListItem_t *item);
UBaseType_t uxListRemove(ListItem_t *item);

TaskHandle_t xTaskCreateStatic(TaskFunction_t code, const char *name, UBaseType_t stackWords, void *param,
                               UBaseType_t priority, StackType_t *stack, TCB_t *tcb);
void vTaskStartScheduler(void) __attribute__((noreturn));
void vTaskDelay(TickType_t ticks);
void vTaskSuspend(TaskHandle_t task);
void vTaskResume(TaskHandle_t task);
TickType_t xTaskGetTickCount(void);

void vQueueInit(Queue_t *q);
void xQueueSend(Queue_t *q, uint32_t item);
void xQueueReceive(Queue_t *q, uint32_t *item);

void vPortEnterCritical(void);
void vPortExitCritical(void);
#define portYIELD() __asm__ volatile ("ecall")

#endif
