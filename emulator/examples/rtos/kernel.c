/* minirtos kernel: lists, tasks, the tick, a queue. See minirtos.h for why it
 * looks the way it does. Single hart, machine mode, preemptive, time-sliced. */
#include "minirtos.h"
#include "../rt.h"

#define TICK_INTERVAL 500u       /* mtime ticks (10 MHz): 50 us, 50 000 instructions */
#define MSTATUS_MIE   0x8u

/* ------------------------------------------------------------------ the kernel's state */

TCB_t *volatile pxCurrentTCB;
static List_t pxReadyTasksLists[configMAX_PRIORITIES];
static List_t xDelayedTaskList1;
static List_t xDelayedTaskList2;
static List_t *volatile pxDelayedTaskList;
static List_t *volatile pxOverflowDelayedTaskList;
static List_t xPendingReadyList;
static List_t xTasksWaitingTermination;
static List_t xSuspendedTaskList;
static volatile UBaseType_t uxCurrentNumberOfTasks;
static volatile TickType_t xTickCount;
static volatile BaseType_t xSchedulerRunning;
static UBaseType_t uxTaskNumber;

/* The port's critical nesting: saved in every task's context (portasm.S). */
size_t xCriticalNesting = 0xaaaaaaaau;   /* until the scheduler starts, as in the FreeRTOS port */
size_t *const pxCriticalNesting = &xCriticalNesting;

static uint64_t next_tick_at;

/* ------------------------------------------------------------------ lists */

void vListInitialise(List_t *list)
{
    list->pxIndex = (ListItem_t *)&list->xListEnd;
    list->xListEnd.xItemValue = portMAX_DELAY;
    list->xListEnd.pxNext = (ListItem_t *)&list->xListEnd;
    list->xListEnd.pxPrevious = (ListItem_t *)&list->xListEnd;
    list->uxNumberOfItems = 0;
}

void vListInitialiseItem(ListItem_t *item)
{
    item->pxContainer = NULL;
}

/* Inserted just before pxIndex, so a walk from pxIndex meets it last (round robin). */
void vListInsertEnd(List_t *list, ListItem_t *item)
{
    ListItem_t *index = list->pxIndex;
    item->pxNext = index;
    item->pxPrevious = index->pxPrevious;
    index->pxPrevious->pxNext = item;
    index->pxPrevious = item;
    item->pxContainer = list;
    list->uxNumberOfItems++;
}

/* Kept sorted by xItemValue; equal values go after those already there. */
void vListInsert(List_t *list, ListItem_t *item)
{
    ListItem_t *after = (ListItem_t *)&list->xListEnd;
    if (item->xItemValue != portMAX_DELAY) {
        while (after->pxNext != (ListItem_t *)&list->xListEnd && after->pxNext->xItemValue <= item->xItemValue)
            after = after->pxNext;
    } else {
        after = list->xListEnd.pxPrevious;
    }
    item->pxNext = after->pxNext;
    item->pxNext->pxPrevious = item;
    item->pxPrevious = after;
    after->pxNext = item;
    item->pxContainer = list;
    list->uxNumberOfItems++;
}

UBaseType_t uxListRemove(ListItem_t *item)
{
    List_t *list = item->pxContainer;
    item->pxNext->pxPrevious = item->pxPrevious;
    item->pxPrevious->pxNext = item->pxNext;
    if (list->pxIndex == item)
        list->pxIndex = item->pxPrevious;
    item->pxContainer = NULL;
    list->uxNumberOfItems--;
    return list->uxNumberOfItems;
}

/* ------------------------------------------------------------------ critical sections */

void vPortEnterCritical(void)
{
    csr_clear(mstatus, MSTATUS_MIE);
    xCriticalNesting++;
}

void vPortExitCritical(void)
{
    xCriticalNesting--;
    if (xCriticalNesting == 0)
        csr_set(mstatus, MSTATUS_MIE);
}

/* ------------------------------------------------------------------ tasks */

extern StackType_t *pxPortInitialiseStack(StackType_t *top, TaskFunction_t code, void *param);
extern void xPortStartFirstTask(void) __attribute__((noreturn));
extern void port_trap_handler(void);

static void prvAddTaskToReadyList(TCB_t *tcb)
{
    vListInsertEnd(&pxReadyTasksLists[tcb->uxPriority], &tcb->xStateListItem);
}

static void prvInitialiseLists(void)
{
    for (int p = 0; p < configMAX_PRIORITIES; p++)
        vListInitialise(&pxReadyTasksLists[p]);
    vListInitialise(&xDelayedTaskList1);
    vListInitialise(&xDelayedTaskList2);
    vListInitialise(&xPendingReadyList);
    vListInitialise(&xTasksWaitingTermination);
    vListInitialise(&xSuspendedTaskList);
    pxDelayedTaskList = &xDelayedTaskList1;
    pxOverflowDelayedTaskList = &xDelayedTaskList2;
}

TaskHandle_t xTaskCreateStatic(TaskFunction_t code, const char *name, UBaseType_t stackWords, void *param,
                               UBaseType_t priority, StackType_t *stack, TCB_t *tcb)
{
    uint8_t *fill = (uint8_t *)stack;
    for (UBaseType_t i = 0; i < stackWords * sizeof(StackType_t); i++)
        fill[i] = tskSTACK_FILL_BYTE;
    size_t n = 0;
    while (n < configMAX_TASK_NAME_LEN - 1 && name[n]) {
        tcb->pcTaskName[n] = name[n];
        n++;
    }
    tcb->pcTaskName[n] = 0;
    tcb->pxStack = stack;
    tcb->pxEndOfStack = stack + stackWords - 1;
    tcb->uxPriority = priority;
    tcb->uxBasePriority = priority;
    tcb->uxTCBNumber = ++uxTaskNumber;
    tcb->ucNotifyState[0] = 0;
    vListInitialiseItem(&tcb->xStateListItem);
    vListInitialiseItem(&tcb->xEventListItem);
    tcb->xStateListItem.pvOwner = tcb;
    tcb->xEventListItem.pvOwner = tcb;
    tcb->xEventListItem.xItemValue = configMAX_PRIORITIES - priority;
    StackType_t *top = (StackType_t *)((uintptr_t)(stack + stackWords) & ~(uintptr_t)15);
    tcb->pxTopOfStack = pxPortInitialiseStack(top, code, param);

    vPortEnterCritical();
    if (uxCurrentNumberOfTasks == 0)
        prvInitialiseLists();
    uxCurrentNumberOfTasks++;
    if (pxCurrentTCB == NULL || pxCurrentTCB->uxPriority <= priority)
        pxCurrentTCB = tcb;
    prvAddTaskToReadyList(tcb);
    vPortExitCritical();
    if (xSchedulerRunning && priority > pxCurrentTCB->uxPriority)
        portYIELD();
    return tcb;
}

/* Called by the trap handler with the old task's context saved: picks the task to restore. */
void vTaskSwitchContext(void)
{
    for (int p = configMAX_PRIORITIES - 1; p >= 0; p--) {
        List_t *ready = &pxReadyTasksLists[p];
        if (ready->uxNumberOfItems == 0)
            continue;
        ListItem_t *next = ready->pxIndex->pxNext;
        if (next == (ListItem_t *)&ready->xListEnd)
            next = next->pxNext;
        ready->pxIndex = next;
        pxCurrentTCB = (TCB_t *)next->pvOwner;
        return;
    }
}

static void prvWakeDelayedTasks(void)
{
    List_t *delayed = pxDelayedTaskList;
    while (delayed->uxNumberOfItems > 0) {
        ListItem_t *first = delayed->xListEnd.pxNext;
        if (first->xItemValue > xTickCount)
            break;
        TCB_t *tcb = (TCB_t *)first->pvOwner;
        uxListRemove(first);
        prvAddTaskToReadyList(tcb);
    }
}

/* The tick: time moves on, sleepers whose time has come are ready again, and the
 * hart is shared out again (the trap handler switches after this returns). */
void xTaskIncrementTick(void)
{
    xTickCount++;
    if (xTickCount == 0) {
        List_t *t = pxDelayedTaskList;
        pxDelayedTaskList = pxOverflowDelayedTaskList;
        pxOverflowDelayedTaskList = t;
    }
    prvWakeDelayedTasks();
}

TickType_t xTaskGetTickCount(void)
{
    return xTickCount;
}

void vTaskDelay(TickType_t ticks)
{
    vPortEnterCritical();
    TCB_t *self = pxCurrentTCB;
    uxListRemove(&self->xStateListItem);
    TickType_t wake = xTickCount + ticks;
    self->xStateListItem.xItemValue = wake;
    vListInsert(wake < xTickCount ? pxOverflowDelayedTaskList : pxDelayedTaskList, &self->xStateListItem);
    vPortExitCritical();
    portYIELD();
}

void vTaskSuspend(TaskHandle_t task)
{
    vPortEnterCritical();
    TCB_t *tcb = task ? task : pxCurrentTCB;
    uxListRemove(&tcb->xStateListItem);
    if (tcb->xEventListItem.pxContainer != NULL)
        uxListRemove(&tcb->xEventListItem);
    vListInsertEnd(&xSuspendedTaskList, &tcb->xStateListItem);
    vPortExitCritical();
    if (tcb == pxCurrentTCB)
        portYIELD();
}

void vTaskResume(TaskHandle_t task)
{
    vPortEnterCritical();
    BaseType_t yield = pdFALSE;
    if (task->xStateListItem.pxContainer == &xSuspendedTaskList && task->xEventListItem.pxContainer == NULL) {
        uxListRemove(&task->xStateListItem);
        prvAddTaskToReadyList(task);
        yield = task->uxPriority > pxCurrentTCB->uxPriority;
    }
    vPortExitCritical();
    if (yield)
        portYIELD();
}

/* The calling task ends: it waits in the terminating list until the idle task clears it away. */
void vTaskDelete(void)
{
    vPortEnterCritical();
    uxListRemove(&pxCurrentTCB->xStateListItem);
    vListInsertEnd(&xTasksWaitingTermination, &pxCurrentTCB->xStateListItem);
    vPortExitCritical();
    portYIELD();
    for (;;)
        ;
}

/* The idle task's housework: a deleted task leaves the kernel's lists for good. */
void prvCheckTasksWaitingTermination(void)
{
    vPortEnterCritical();
    while (xTasksWaitingTermination.uxNumberOfItems > 0) {
        uxListRemove(xTasksWaitingTermination.xListEnd.pxNext);
        uxCurrentNumberOfTasks--;
    }
    vPortExitCritical();
}

/* ------------------------------------------------------------------ a queue of words */

void vQueueInit(Queue_t *q)
{
    vListInitialise(&q->xTasksWaitingToReceive);
    q->uxMessagesWaiting = 0;
    q->uxLength = sizeof q->items / sizeof q->items[0];
    q->head = 0;
}

void xQueueSend(Queue_t *q, uint32_t item)
{
    vPortEnterCritical();
    BaseType_t yield = pdFALSE;
    if (q->uxMessagesWaiting < q->uxLength) {
        q->items[(q->head + q->uxMessagesWaiting) % q->uxLength] = item;
        q->uxMessagesWaiting++;
        if (q->xTasksWaitingToReceive.uxNumberOfItems > 0) {
            ListItem_t *first = q->xTasksWaitingToReceive.xListEnd.pxNext;
            TCB_t *waiter = (TCB_t *)first->pvOwner;
            uxListRemove(first);
            uxListRemove(&waiter->xStateListItem);
            prvAddTaskToReadyList(waiter);
            yield = waiter->uxPriority > pxCurrentTCB->uxPriority;
        }
    }
    vPortExitCritical();
    if (yield)
        portYIELD();
}

/* Blocks without a time limit while the queue is empty: waiting on the queue's list, and in the
 * suspended list, as FreeRTOS keeps a task that waits forever. */
void xQueueReceive(Queue_t *q, uint32_t *item)
{
    for (;;) {
        vPortEnterCritical();
        if (q->uxMessagesWaiting > 0) {
            *item = q->items[q->head];
            q->head = (q->head + 1) % q->uxLength;
            q->uxMessagesWaiting--;
            vPortExitCritical();
            return;
        }
        TCB_t *self = pxCurrentTCB;
        uxListRemove(&self->xStateListItem);
        vListInsert(&q->xTasksWaitingToReceive, &self->xEventListItem);
        vListInsertEnd(&xSuspendedTaskList, &self->xStateListItem);
        vPortExitCritical();
        portYIELD();
    }
}

/* ------------------------------------------------------------------ the trap handler's C part */

static void prvSetNextTick(void)
{
    next_tick_at += TICK_INTERVAL;
    set_mtimecmp(next_tick_at);
}

/* mcause of the trap that saved the running task's context; the switch follows. */
void vPortHandleTrap(uint32_t mcause, uint32_t mepc)
{
    if (mcause == (MCAUSE_INTERRUPT | IRQ_M_TIMER)) {
        prvSetNextTick();
        xTaskIncrementTick();
    } else if (mcause != 11) {   /* 11: ecall from M-mode, a yield */
        printf("unexpected trap: mcause=0x%x mepc=0x%x\n", mcause, mepc);
        exit(100);
    }
    vTaskSwitchContext();
}

void vTaskStartScheduler(void)
{
    xCriticalNesting = 0;
    csr_write(mtvec, (uint32_t)(uintptr_t)port_trap_handler);
    next_tick_at = read_mtime();
    prvSetNextTick();
    csr_set(mie, 1u << IRQ_M_TIMER);
    xSchedulerRunning = pdTRUE;
    xPortStartFirstTask();
}
